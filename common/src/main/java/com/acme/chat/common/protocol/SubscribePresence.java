package com.acme.chat.common.protocol;

import java.util.List;
import java.util.Objects;

import com.acme.chat.common.id.UserId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Sets the users whose presence this connection follows, replacing the previous set (an
 * empty list unsubscribes from all), so the frame is idempotent. Answered by an
 * {@link Ack}, then one {@link PresenceFrame} per user with the current state, then one
 * on every change while the connection lasts. Subscriptions end with the connection.
 *
 * @param id correlation id
 * @param users the users to follow, at most
 * {@link ProtocolLimits#MAX_PRESENCE_SUBSCRIPTIONS}
 */
public record SubscribePresence(@NotBlank @Size(max = ProtocolLimits.MAX_CORRELATION_ID_CHARS) String id,
        @Size(max = ProtocolLimits.MAX_PRESENCE_SUBSCRIPTIONS) List<UserId> users) implements ClientFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "subscribe_presence";

    public SubscribePresence {
        Objects.requireNonNull(id, "id");
        users = (users != null) ? List.copyOf(users) : List.of();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.onSubscribePresence(this);
    }

}
