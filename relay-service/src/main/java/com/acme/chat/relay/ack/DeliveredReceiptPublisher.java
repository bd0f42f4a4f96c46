package com.acme.chat.relay.ack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.web.ChatException;

/**
 * Publishes a {@link ReceiptKind#DELIVERED} {@link ReceiptRecorded} on
 * {@link Topics#RECEIPTS} (key: conversation) and waits for the broker's ack, so the
 * caller only drops the acked rows once the receipt is durable. The event id is derived
 * from (conversation, user, seq), so a repeated ack publishes the same event.
 */
@Component
class DeliveredReceiptPublisher {

    private final ChatEventPublisher events;

    DeliveredReceiptPublisher(ChatEventPublisher events) {
        this.events = events;
    }

    /**
     * @return the published receipt
     * @throws ChatException {@code service_unavailable} when Kafka did not acknowledge
     * the receipt within {@code chat.kafka.publish-timeout}
     */
    ReceiptRecorded publish(ConversationId conversation, UserId user, long upToSeq) {
        UUID eventId = UUID.nameUUIDFromBytes(
                ("delivered:" + conversation + ":" + user + ":" + upToSeq).getBytes(StandardCharsets.UTF_8));
        ReceiptRecorded receipt = new ReceiptRecorded(eventId, Instant.now(), ReceiptRecorded.VERSION, conversation,
                user, ReceiptKind.DELIVERED, upToSeq);
        events.publishAndWait(List.of(receipt));
        return receipt;
    }

}
