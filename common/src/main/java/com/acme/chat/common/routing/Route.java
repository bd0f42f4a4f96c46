package com.acme.chat.common.routing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * Where one device of a user is connected right now: the handler instance and the
 * connection on it.
 *
 * @param user the user
 * @param device the device
 * @param handlerId the websocket-manager instance holding the connection
 * @param connectionId the connection, so a late message for an evicted connection can be
 * told apart
 */
public record Route(UserId user, DeviceId device, String handlerId, String connectionId) {

    public Route {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(connectionId, "connectionId");
    }

    /**
     * Parses a {@link RouteKeys#routeValue} string; returns null for a malformed value.
     */
    public static @Nullable Route parse(UserId user, DeviceId device, String value) {
        int bar = value.indexOf('|');
        if (bar <= 0 || bar == value.length() - 1) {
            return null;
        }
        return new Route(user, device, value.substring(0, bar), value.substring(bar + 1));
    }
}
