package com.acme.chat.common.protocol;

import java.util.Objects;

/**
 * Answer to a {@link Ping}, carrying its id.
 *
 * @param id the correlation id of the ping
 */
public record Pong(String id) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "pong";

    public Pong {
        Objects.requireNonNull(id, "id");
    }

}
