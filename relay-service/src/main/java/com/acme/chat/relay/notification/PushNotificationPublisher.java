package com.acme.chat.relay.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.PushNotificationRequested;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;

/**
 * Publishes {@link PushNotificationRequested} on {@link Topics#NOTIFICATIONS} (key:
 * recipient) for a message that found none of its recipient's devices connected. Carries
 * ids only, never the text. Best-effort and asynchronous
 * ({@link PublishPolicy#BEST_EFFORT}): a failed publish is counted and logged, never
 * retried, because the message itself is safe in the queue. The event id is derived from
 * (message, recipient), so a redelivered fan-out record requests the same notification.
 */
@Component
public class PushNotificationPublisher {

    private final ChatEventPublisher events;

    PushNotificationPublisher(ChatEventPublisher events) {
        this.events = events;
    }

    /**
     * Requests a push notification for a message waiting for an offline recipient;
     * returns without waiting for Kafka.
     * @param delivery the delivery that found no connected device
     */
    public void requestFor(DeliveryRequested delivery) {
        requestFor(delivery.recipient(), delivery.messageId(), delivery.conversationId());
    }

    /**
     * Requests a push notification for a message waiting for an offline recipient;
     * returns without waiting for Kafka.
     * @param recipient the recipient none of whose devices is connected
     * @param messageId the message
     * @param conversationId its conversation
     */
    public void requestFor(UserId recipient, MessageId messageId, ConversationId conversationId) {
        UUID eventId = UUID.nameUUIDFromBytes(("push:" + messageId + ":" + recipient).getBytes(StandardCharsets.UTF_8));
        events.publish(new PushNotificationRequested(eventId, Instant.now(), PushNotificationRequested.VERSION,
                recipient, messageId, conversationId), PublishPolicy.BEST_EFFORT);
    }

}
