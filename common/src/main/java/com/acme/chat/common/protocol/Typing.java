package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The user started or stopped typing in a conversation. Relayed best-effort as a
 * {@link TypingIndicator} to the other members' connected devices; never stored or
 * queued. Clients should resend {@code typing = true} every few seconds while typing and
 * treat an indicator as expired when it is not refreshed. Answered by an {@link Ack}.
 *
 * @param id correlation id
 * @param conversationId the conversation
 * @param typing whether the user is typing
 */
public record Typing(@NotBlank @Size(max = ProtocolLimits.MAX_CORRELATION_ID_CHARS) String id,
        ConversationId conversationId, boolean typing) implements ClientFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "typing";

    public Typing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.onTyping(this);
    }

}
