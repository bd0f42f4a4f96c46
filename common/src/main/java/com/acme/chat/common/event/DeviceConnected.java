package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * A device opened an authenticated WebSocket connection on a websocket-manager instance
 * and can be pushed to there. Published on {@link Topics#PRESENCE} after the
 * {@code hello} frame is sent.
 *
 * @param eventId event id
 * @param occurredAt when the connection was registered
 * @param version schema version, {@value #VERSION}
 * @param user the user
 * @param device the device
 * @param handlerId the websocket-manager instance holding the connection
 * @param connectionId the connection
 */
public record DeviceConnected(UUID eventId, Instant occurredAt, int version, UserId user, DeviceId device,
        String handlerId, String connectionId) implements PresenceEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "device_connected";

    /** The current schema version. */
    public static final int VERSION = 1;

    public DeviceConnected {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(connectionId, "connectionId");
    }

}
