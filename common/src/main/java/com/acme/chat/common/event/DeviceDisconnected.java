package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * A device's WebSocket connection closed, for whatever reason; its {@link #occurredAt()}
 * is the device's last-seen time. Published on {@link Topics#PRESENCE}. A handler that
 * dies without publishing this is detected by its connections' presence expiring, not by
 * this event.
 *
 * @param eventId event id
 * @param occurredAt when the connection closed
 * @param version schema version, {@value #VERSION}
 * @param user the user
 * @param device the device
 * @param handlerId the websocket-manager instance that held the connection
 * @param connectionId the connection that closed
 */
public record DeviceDisconnected(UUID eventId, Instant occurredAt, int version, UserId user, DeviceId device,
        String handlerId, String connectionId) implements PresenceEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "device_disconnected";

    /** The current schema version. */
    public static final int VERSION = 1;

    public DeviceDisconnected {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(connectionId, "connectionId");
    }

}
