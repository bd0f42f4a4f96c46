package com.acme.chat.common.protocol;

import java.time.Instant;
import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import org.jspecify.annotations.Nullable;

/**
 * Successful answer to a {@link ClientFrame}, carrying its {@link #id()}. For
 * {@link SendMessage} it confirms the message is durably stored and carries its server
 * identity; the result fields are absent for every other frame.
 *
 * @param id the correlation id of the answered client frame
 * @param messageId the stored message's id ({@link SendMessage} only)
 * @param conversationId the conversation the message went to ({@link SendMessage} only)
 * @param seq the message's sequence number in that conversation ({@link SendMessage}
 * only)
 * @param sentAt the server time the message was accepted ({@link SendMessage} only)
 * @param duplicate {@code true} when the {@code clientMsgId} had already been accepted
 * and the fields describe that original message
 * @param removed for {@link AckDelivery} only: how many distinct message ids of the frame
 * the server took; the ack is durably recorded and the messages leave the device's queue
 * moments later (docs/adr/0030-acks-through-kafka.md)
 */
public record Ack(String id, @Nullable MessageId messageId, @Nullable ConversationId conversationId, @Nullable Long seq,
        @Nullable Instant sentAt, boolean duplicate, @Nullable Integer removed) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "ack";

    public Ack {
        Objects.requireNonNull(id, "id");
    }

    /**
     * A plain acknowledgement without result fields.
     * @param id the correlation id of the answered frame
     * @return the frame
     */
    public static Ack of(String id) {
        return new Ack(id, null, null, null, null, false, null);
    }

    /**
     * The acknowledgement of an {@link AckDelivery}.
     * @param id the correlation id of the {@link AckDelivery}
     * @param removed how many distinct message ids it named
     * @return the frame
     */
    public static Ack delivered(String id, int removed) {
        return new Ack(id, null, null, null, null, false, removed);
    }

    /**
     * The acknowledgement of a stored message.
     * @param id the correlation id of the {@link SendMessage}
     * @param messageId the message's id
     * @param conversationId its conversation
     * @param seq its sequence number
     * @param sentAt when it was accepted
     * @param duplicate whether this answers a retry of an already accepted message
     * @return the frame
     */
    public static Ack messageStored(String id, MessageId messageId, ConversationId conversationId, long seq,
            Instant sentAt, boolean duplicate) {
        return new Ack(id, messageId, conversationId, seq, sentAt, duplicate, null);
    }

}
