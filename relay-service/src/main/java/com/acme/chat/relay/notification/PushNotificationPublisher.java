package com.acme.chat.relay.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.PushNotificationRequested;
import com.acme.chat.common.event.Topics;

/**
 * Publishes {@link PushNotificationRequested} on {@link Topics#NOTIFICATIONS} (key:
 * recipient) for a message that found none of its recipient's devices connected. Carries
 * ids only, never the text. Best-effort and asynchronous: a failed publish is logged and
 * counted, never retried, because the message itself is safe in the queue. The event id
 * is derived from (message, recipient), so a redelivered fan-out record requests the same
 * notification.
 */
@Component
public class PushNotificationPublisher {

    private static final Logger log = LoggerFactory.getLogger(PushNotificationPublisher.class);

    private final KafkaTemplate<String, String> kafka;

    private final ObjectWriter writer;

    private final Counter requested;

    private final Counter failed;

    PushNotificationPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, MeterRegistry meters) {
        this.kafka = kafka;
        this.writer = json.writerFor(ChatEvent.class);
        this.requested = Counter.builder("chat.relay.notifications.requested").register(meters);
        this.failed = Counter.builder("chat.relay.notifications.failed").register(meters);
    }

    /**
     * Requests a push notification for a message waiting for an offline recipient.
     * @param delivery the delivery that found no connected device
     */
    public void requestFor(DeliveryRequested delivery) {
        UUID eventId = UUID.nameUUIDFromBytes(
                ("push:" + delivery.messageId() + ":" + delivery.recipient()).getBytes(StandardCharsets.UTF_8));
        PushNotificationRequested event = new PushNotificationRequested(eventId, Instant.now(),
                PushNotificationRequested.VERSION, delivery.recipient(), delivery.messageId(),
                delivery.conversationId());
        try {
            kafka.send(event.topic(), event.partitionKey(), writer.writeValueAsString(event))
                .whenComplete((result, ex) -> {
                    if (ex != null) {
                        failed.increment();
                        log.warn("Push notification for message {} to {} not published: {}", delivery.messageId(),
                                delivery.recipient(), ex.toString());
                    }
                    else {
                        requested.increment();
                    }
                });
        }
        catch (RuntimeException ex) {
            failed.increment();
            log.warn("Push notification for message {} to {} not published: {}", delivery.messageId(),
                    delivery.recipient(), ex.toString());
        }
    }

}
