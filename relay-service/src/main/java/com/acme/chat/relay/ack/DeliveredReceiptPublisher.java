package com.acme.chat.relay.ack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.web.ChatException;

/**
 * Publishes a {@link ReceiptKind#DELIVERED} {@link ReceiptRecorded} on
 * {@link Topics#RECEIPTS} (key: conversation) and waits for the broker's ack, so the
 * caller only drops the acked rows once the receipt is durable. The event id is derived
 * from (conversation, user, seq), so a repeated ack publishes the same event.
 */
@Component
class DeliveredReceiptPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final KafkaTemplate<String, String> kafka;

    private final ObjectWriter writer;

    DeliveredReceiptPublisher(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.writer = json.writerFor(ChatEvent.class);
    }

    /**
     * @throws ChatException {@code service_unavailable} when Kafka did not take the
     * receipt
     */
    void publish(ConversationId conversation, UserId user, long upToSeq) {
        UUID eventId = UUID.nameUUIDFromBytes(
                ("delivered:" + conversation + ":" + user + ":" + upToSeq).getBytes(StandardCharsets.UTF_8));
        ReceiptRecorded event = new ReceiptRecorded(eventId, Instant.now(), ReceiptRecorded.VERSION, conversation, user,
                ReceiptKind.DELIVERED, upToSeq);
        try {
            kafka.send(event.topic(), event.partitionKey(), writer.writeValueAsString(event))
                .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while recording the receipt");
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Cannot record the delivery receipt right now");
        }
    }

}
