package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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
 * @param handlerReplays whether the handler fetches the device's queue itself (from
 * relay, synchronously, before it lets live pushes through), so relay must not replay the
 * queue on this event; false in events of handlers older than that, which rely on relay's
 * replay
 */
public record DeviceConnected(UUID eventId, Instant occurredAt, int version, UserId user, DeviceId device,
        String handlerId, String connectionId, @Nullable Boolean handlerReplays) implements PresenceEvent {

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
        handlerReplays = Boolean.TRUE.equals(handlerReplays);
    }

    /**
     * @return whether the handler replays the device's queue itself
     */
    public boolean replayedByHandler() {
        return Boolean.TRUE.equals(handlerReplays);
    }

    /**
     * An event of a handler that leaves the replay to relay (the form before
     * {@code handlerReplays} existed).
     */
    public DeviceConnected(UUID eventId, Instant occurredAt, int version, UserId user, DeviceId device,
            String handlerId, String connectionId) {
        this(eventId, occurredAt, version, user, device, handlerId, connectionId, false);
    }

}
