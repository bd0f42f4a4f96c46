package com.acme.chat.relay.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;

/**
 * The outcome of reading a user's routes: the index {@code routes:{u}} named some
 * devices, and {@code MGET} of their {@code route:{u}:{d}} keys returned a value, or null
 * where the key is gone.
 *
 * @param routes the live routes, ordered by device id
 * @param stale devices in the index whose route key is gone (expired or deleted): to be
 * pruned from the index
 * @param malformed devices whose route value could not be parsed: skipped, but left to
 * their writer
 */
record RouteResolution(List<Route> routes, List<DeviceId> stale, List<DeviceId> malformed) {

    RouteResolution {
        routes = List.copyOf(routes);
        stale = List.copyOf(stale);
        malformed = List.copyOf(malformed);
    }

    /**
     * Pairs the devices of the index with the values their route keys had.
     * @param user the user
     * @param devices the devices the index named
     * @param values the route values, in the order of {@code devices}; null where the key
     * is gone
     * @return live, stale and malformed routes
     */
    static RouteResolution resolve(UserId user, List<DeviceId> devices, List<@Nullable String> values) {
        if (devices.size() != values.size()) {
            throw new IllegalArgumentException(devices.size() + " devices but " + values.size() + " route values");
        }
        List<Route> routes = new ArrayList<>();
        List<DeviceId> stale = new ArrayList<>();
        List<DeviceId> malformed = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceId device = devices.get(i);
            String value = values.get(i);
            if (value == null) {
                stale.add(device);
                continue;
            }
            Route route = Route.parse(user, device, value);
            if (route != null) {
                routes.add(route);
            }
            else {
                malformed.add(device);
            }
        }
        routes.sort(Comparator.comparing(route -> route.device().value()));
        return new RouteResolution(routes, stale, malformed);
    }

}
