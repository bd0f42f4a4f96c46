package com.acme.chat.common.routing;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * Redis key and channel names of the routing table (see docs/adr/0004). Only
 * websocket-manager writes them; other services read routes and publish on handler
 * channels.
 * <ul>
 * <li>{@code route:{userId}:{deviceId}} = {@code <handlerId>|<connectionId>}, with a TTL
 * the handler refreshes on every heartbeat, so a dead handler's routes vanish within one
 * TTL.</li>
 * <li>{@code routes:{userId}} = set of device ids that may have a route (an index;
 * members whose route key has expired are stale and pruned by readers).</li>
 * <li>{@code handler:{handlerId}} = pub/sub channel on which a handler receives
 * {@link HandlerMessage}s.</li>
 * <li>{@code ws-ticket:{ticket}} = a single-use browser handshake ticket (30 s).</li>
 * </ul>
 */
public final class RouteKeys {

    private RouteKeys() {
    }

    public static String route(UserId user, DeviceId device) {
        return "route:" + user.value() + ":" + device.value();
    }

    public static String devices(UserId user) {
        return "routes:" + user.value();
    }

    public static String handlerChannel(String handlerId) {
        return "handler:" + handlerId;
    }

    public static String ticket(String ticket) {
        return "ws-ticket:" + ticket;
    }

    /**
     * The value stored under {@link #route}: which handler holds the device, on which
     * connection.
     */
    public static String routeValue(String handlerId, String connectionId) {
        return handlerId + "|" + connectionId;
    }

}
