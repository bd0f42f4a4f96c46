package com.acme.chat.relay.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acme.chat.common.routing.Route;

/**
 * Groups the routes a frame goes to by the handler holding them, so that a message costs
 * one publish per handler instead of one per device.
 */
final class HandlerBatches {

    private HandlerBatches() {
    }

    /**
     * @param routes routes of devices, possibly on many handlers
     * @return the routes by handler id, handlers in order of first appearance, routes in
     * their given order
     */
    static Map<String, List<Route>> byHandler(List<Route> routes) {
        Map<String, List<Route>> batches = new LinkedHashMap<>();
        for (Route route : routes) {
            batches.computeIfAbsent(route.handlerId(), handler -> new ArrayList<>()).add(route);
        }
        return batches;
    }

}
