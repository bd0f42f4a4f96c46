package com.acme.chat.common.routing;

import java.util.Objects;

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
 * Every key and channel starts with the deployment's namespace prefix, empty in
 * production ({@link #DEFAULT}); tests use one of their own so that they can share a
 * Redis server with a running stack (pub/sub channels are global to a Redis server, so a
 * database number alone would not separate them).
 */
public final class RouteKeys {

    /** The names without a prefix, as documented above. */
    public static final RouteKeys DEFAULT = new RouteKeys("");

    private final String prefix;

    private RouteKeys(String prefix) {
        this.prefix = prefix;
    }

    /**
     * @param prefix prepended to every key and channel, e.g. {@code it3kf9a2:}; empty for
     * none
     * @return the names under that prefix
     */
    public static RouteKeys withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return prefix.isEmpty() ? DEFAULT : new RouteKeys(prefix);
    }

    public String prefix() {
        return prefix;
    }

    public String route(UserId user, DeviceId device) {
        return prefix + "route:" + user.value() + ":" + device.value();
    }

    public String devices(UserId user) {
        return prefix + "routes:" + user.value();
    }

    public String handlerChannel(String handlerId) {
        return prefix + "handler:" + handlerId;
    }

    public String ticket(String ticket) {
        return prefix + "ws-ticket:" + ticket;
    }

    /**
     * The value stored under {@link #route}: which handler holds the device, on which
     * connection. A value, not a name, so it carries no prefix.
     */
    public static String routeValue(String handlerId, String connectionId) {
        return handlerId + "|" + connectionId;
    }

}
