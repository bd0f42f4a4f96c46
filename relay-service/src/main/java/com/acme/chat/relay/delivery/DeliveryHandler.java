package com.acme.chat.relay.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatEventReader;

/**
 * Kept for rolling upgrades and for producers that request one user's delivery: messaging
 * now publishes one {@code MessageSent} per message, fanned out by
 * {@link MessageSentHandler}; earlier versions published a {@link DeliveryRequested} per
 * member, and records of theirs may still be in the topic during an upgrade.
 * <p>
 * Consumes {@link DeliveryRequested} from {@link Topics#DELIVERIES} (group
 * {@code chat.relay.kafka-group}, {@code chat.relay.background-listener-concurrency}
 * consumers; topic and group in the deployment's namespace) and hands each to the
 * {@link Deliverer}: one queue row per device of the recipient, a live push to the
 * connected ones, a push notification when none is.
 * <p>
 * <b>Guarantees.</b> At least once: the offset of a record is committed only after its
 * queue rows are written; a failure (Cassandra away) is retried in place with a capped
 * back-off and never skipped, so no delivery is lost. Ordered: records are keyed by
 * recipient and handled one at a time per partition, so one recipient's messages are
 * queued and pushed in the order they were requested. Idempotent: a redelivered record
 * writes the same rows again (same primary key and write timestamp, so even a row acked
 * in between stays deleted while its tombstone lives) and may push the frame again, which
 * clients drop by messageId. Unreadable records are logged and skipped by the
 * {@link ChatEventReader}.
 */
@Component
class DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryHandler.class);

    private final ChatEventReader reader;

    private final Deliverer deliverer;

    DeliveryHandler(ChatEventReader reader, Deliverer deliverer) {
        this.reader = reader;
        this.deliverer = deliverer;
    }

    @KafkaListener(id = "relay-deliveries",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}')}",
            topics = "#{@chatNamespace.topic('" + Topics.DELIVERIES + "')}",
            concurrency = "${chat.relay.background-listener-concurrency:2}")
    void onDelivery(ConsumerRecord<String, String> record) {
        ChatEvent event = reader.read(record);
        if (event instanceof DeliveryRequested delivery) {
            deliverer.deliver(delivery);
        }
        else if (event != null) {
            log.debug("Ignoring {} on {}", event.getClass().getSimpleName(), record.topic());
        }
    }

}
