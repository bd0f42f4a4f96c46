package com.acme.chat.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ProtocolLimits;

/**
 * A connected device acknowledged messages of one conversation ({@code ack_delivery}):
 * relay drops them from that device's queue and reports them as delivered. Published on
 * {@link Topics#ACKS} by the websocket-manager holding the connection, which
 * authenticated the device, so {@link #user()} is the token's subject; it answers the
 * frame once Kafka acknowledged this event (docs/adr/0030-acks-through-kafka.md).
 *
 * @param eventId event id
 * @param occurredAt when the frame arrived
 * @param version schema version, {@value #VERSION}
 * @param user the acknowledging user
 * @param device his device
 * @param conversationId the conversation of the messages
 * @param messageIds the acknowledged messages, 1 to {@value ProtocolLimits#MAX_ACK_BATCH}
 * @param refs the queue keys of exactly these messages when the handler pushed every one
 * of them on this connection (relay then deletes without reading), otherwise null
 */
public record DeliveryAcked(UUID eventId, Instant occurredAt, int version, UserId user, DeviceId device,
        ConversationId conversationId, List<MessageId> messageIds, @Nullable List<Ref> refs) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "delivery_acked";

    /** The current schema version. */
    public static final int VERSION = 1;

    public DeliveryAcked {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(conversationId, "conversationId");
        messageIds = List.copyOf(Objects.requireNonNull(messageIds, "messageIds"));
        if (messageIds.isEmpty() || messageIds.size() > ProtocolLimits.MAX_ACK_BATCH) {
            throw new IllegalArgumentException("messageIds: " + messageIds.size());
        }
        refs = (refs != null) ? List.copyOf(refs) : null;
    }

    @Override
    public String topic() {
        return Topics.ACKS;
    }

    /** The user: his acks stay in order with each other, as his queue is his. */
    @Override
    public String partitionKey() {
        return user.value();
    }

    /**
     * Where a message sits in the device's queue.
     *
     * @param messageId the message
     * @param seq its seq in the conversation
     * @param sentAt when it was stored
     */
    public record Ref(MessageId messageId, long seq, Instant sentAt) {

        public Ref {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(sentAt, "sentAt");
        }

    }

}
