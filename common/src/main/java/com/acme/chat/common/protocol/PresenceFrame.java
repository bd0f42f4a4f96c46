package com.acme.chat.common.protocol;

import java.time.Instant;
import java.util.Objects;

import com.acme.chat.common.id.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The presence of a user this connection follows (see {@link SubscribePresence}): online
 * while at least one of the user's devices is connected. Best-effort; each frame carries
 * the full state, so the latest one wins.
 *
 * @param user the followed user
 * @param online whether any device of the user is connected
 * @param lastSeen when the user was last online; {@code null} while online or when never
 * seen (or hidden)
 */
public record PresenceFrame(UserId user, boolean online, @Nullable Instant lastSeen) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "presence";

    public PresenceFrame {
        Objects.requireNonNull(user, "user");
    }

}
