package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The user has read every message of the conversation up to and including {@link #seq()}.
 * <p>
 * The read position only moves forward: a {@code seq} at or below the current one is
 * accepted and ignored, which makes the frame idempotent and safe to send from several
 * devices. Answered by an {@link Ack}; the other members then receive a
 * {@link ReceiptFrame} of kind {@link ReceiptKind#READ}.
 *
 * @param id correlation id
 * @param conversationId the conversation
 * @param seq highest read sequence number (sequence numbers start at 1)
 */
public record MarkRead(@NotBlank @Size(max = ProtocolLimits.MAX_CORRELATION_ID_CHARS) String id,
        ConversationId conversationId, @Positive long seq) implements ClientFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "mark_read";

    public MarkRead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.onMarkRead(this);
    }

}
