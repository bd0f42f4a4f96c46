package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * The first frame on every connection, sent once the handshake is authenticated and the
 * connection is registered for delivery: from now on the device receives its queued and
 * new messages. Tells the client who it is authenticated as and the limits to respect.
 *
 * @param connectionId server-chosen id of this connection, for support and log
 * correlation
 * @param userId the authenticated user
 * @param deviceId the authenticated device
 * @param heartbeatIntervalSeconds send a frame at least this often (see
 * {@link ProtocolLimits#HEARTBEAT_SECONDS})
 * @param maxFrameBytes largest frame the server accepts
 */
public record Hello(String connectionId, UserId userId, DeviceId deviceId, int heartbeatIntervalSeconds,
        int maxFrameBytes) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "hello";

    public Hello {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    /**
     * A greeting announcing the default {@link ProtocolLimits}.
     * @param connectionId the connection's id
     * @param userId the authenticated user
     * @param deviceId the authenticated device
     * @return the frame
     */
    public static Hello withDefaultLimits(String connectionId, UserId userId, DeviceId deviceId) {
        return new Hello(connectionId, userId, deviceId, ProtocolLimits.HEARTBEAT_SECONDS,
                ProtocolLimits.MAX_FRAME_BYTES);
    }

}
