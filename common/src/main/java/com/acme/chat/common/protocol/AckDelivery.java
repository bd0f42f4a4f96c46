package com.acme.chat.common.protocol;

import java.util.List;
import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Confirms that this device has durably received the given {@link MessageFrame}s, so the
 * server drops them from the device's delivery queue and does not send them again. Until
 * then they are redelivered on every reconnect.
 * <p>
 * Idempotent: acknowledging an id twice, or an id no longer queued, succeeds. Answered by
 * an {@link Ack} whose {@link Ack#removed()} says how many of the messages were still
 * queued for this device (0 when none was). Receiving also counts as a
 * {@link ReceiptKind#DELIVERED} receipt for the sender.
 *
 * @param id correlation id
 * @param conversationId the conversation the messages belong to
 * @param messageIds the received messages, at most {@link ProtocolLimits#MAX_ACK_BATCH}
 */
public record AckDelivery(@NotBlank @Size(max = ProtocolLimits.MAX_CORRELATION_ID_CHARS) String id,
        ConversationId conversationId,
        @NotEmpty @Size(max = ProtocolLimits.MAX_ACK_BATCH) List<MessageId> messageIds) implements ClientFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "ack_delivery";

    public AckDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        messageIds = (messageIds != null) ? List.copyOf(messageIds) : List.of();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.onAckDelivery(this);
    }

}
