package com.acme.chat.common.protocol;

import java.util.Objects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Application-level heartbeat, answered by a {@link Pong} with the same id. Keeps the
 * connection and the user's presence alive; see {@link ProtocolLimits#HEARTBEAT_SECONDS}.
 *
 * @param id correlation id
 */
public record Ping(@NotBlank @Size(max = ProtocolLimits.MAX_CORRELATION_ID_CHARS) String id) implements ClientFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "ping";

    public Ping {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.onPing(this);
    }

}
