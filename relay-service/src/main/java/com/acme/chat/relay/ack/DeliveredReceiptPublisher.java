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
 * Publishes {@link ReceiptKind#DELIVERED} {@link ReceiptRecorded}s on
 * {@link Topics#RECEIPTS} (key: conversation) and waits for the broker's ack, so the
 * caller only drops the acked rows once the receipts are durable. The event id is derived
 * from (conversation, user, seq), so a repeated ack publishes the same event.
 */
@Component
class DeliveredReceiptPublisher {

    private final ChatEventPublisher events;

    DeliveredReceiptPublisher(ChatEventPublisher events) {
        this.events = events;
    }

    /**
     * @return the receipt of {@code user} in {@code conversation} up to {@code upToSeq},
     * with its deterministic event id; not published yet
     */
    static ReceiptRecorded delivered(ConversationId conversation, UserId user, long upToSeq) {
        UUID eventId = UUID.nameUUIDFromBytes(
                ("delivered:" + conversation + ":" + user + ":" + upToSeq).getBytes(StandardCharsets.UTF_8));
        return new ReceiptRecorded(eventId, Instant.now(), ReceiptRecorded.VERSION, conversation, user,
                ReceiptKind.DELIVERED, upToSeq);
    }

    /**
     * Publishes receipts together (a batch of acks waits for the broker once, not once
     * per ack) and returns once Kafka acknowledged every one of them.
     * @param receipts the receipts, from {@link #delivered}
     * @throws ChatException {@code service_unavailable} when Kafka did not acknowledge
     * all of them within {@code chat.kafka.publish-timeout}
     */
    void publish(List<ReceiptRecorded> receipts) {
        if (!receipts.isEmpty()) {
            events.publishAndWait(receipts);
        }
    }

}
