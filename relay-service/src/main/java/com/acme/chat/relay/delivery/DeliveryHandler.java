package com.acme.chat.relay.delivery;

import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.FanoutRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatEventReader;

/**
 * The ways a message reaches relay, all handed to the {@link Deliverer} (one queue row
 * per device of a recipient, one publish per handler to the connected ones, a push
 * notification when none is):
 * <ul>
 * <li>{@link MessageSent} from {@link Topics#MESSAGES}, the one record messaging
 * publishes per stored message, keyed by conversation and fanned out to every member (the
 * sender included, for their other devices); {@code chat.relay.listener-concurrency}
 * consumers. A message with more than {@code chat.relay.large-fanout-threshold}
 * recipients is not delivered here but split into chunks ({@link LargeFanout}), so that
 * it holds the partition, and the small conversations behind it, only for the chunks'
 * publish.</li>
 * <li>{@link FanoutRequested} from {@link Topics#FANOUT}: a chunk of such a message,
 * keyed by conversation and chunk; {@code chat.relay.fanout-listener-concurrency}
 * consumers.</li>
 * <li>{@link DeliveryRequested} from {@link Topics#DELIVERIES}, one per member, keyed by
 * recipient: what earlier versions of messaging published, kept for their records during
 * a rolling upgrade; {@code chat.relay.background-listener-concurrency} consumers.</li>
 * </ul>
 * Group {@code chat.relay.kafka-group}; topics and group in the deployment's namespace.
 * <p>
 * <b>Guarantees.</b> At least once: the offset of a record is committed only after all
 * its queue rows are written; a failure (Cassandra away) is retried in place with a
 * capped back-off and never skipped, so no delivery is lost (members already done write
 * the same rows again). Ordered: records are handled one at a time per partition, so one
 * conversation's (or one recipient's) messages are queued and pushed in order; a member
 * of a large group is in the same chunk for every message, so their messages of it are
 * too. Idempotent: a redelivered record writes the same rows again (same primary key and
 * write timestamp, so even a row acked in between stays deleted while its tombstone
 * lives) and may push the frame again, which clients drop by messageId. A record the
 * {@link ChatEventReader} cannot read, or whose handling fails for good (not because a
 * dependency is away), goes to the topic's dead-letter topic (service-kit's
 * {@code DeadLetters}).
 */
@Component
class DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryHandler.class);

    private final ChatEventReader reader;

    private final Deliverer deliverer;

    private final LargeFanout largeFanout;

    DeliveryHandler(ChatEventReader reader, Deliverer deliverer, LargeFanout largeFanout) {
        this.reader = reader;
        this.deliverer = deliverer;
        this.largeFanout = largeFanout;
    }

    @KafkaListener(id = "relay-messages",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}')}",
            topics = "#{@chatNamespace.topic('" + Topics.MESSAGES + "')}",
            concurrency = "${chat.relay.listener-concurrency:12}")
    void onMessage(ConsumerRecord<String, String> record) {
        ChatEvent event = reader.read(record);
        if (event instanceof MessageSent sent && largeFanout.isLarge(sent)) {
            largeFanout.split(sent);
        }
        else if (event instanceof MessageSent sent) {
            deliverer.deliverToMembers(sent);
        }
        else {
            ignore(event, record);
        }
    }

    @KafkaListener(id = "relay-fanout", groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}')}",
            topics = "#{@chatNamespace.topic('" + Topics.FANOUT + "')}",
            concurrency = "${chat.relay.fanout-listener-concurrency:2}")
    void onFanout(ConsumerRecord<String, String> record) {
        handle(record, FanoutRequested.class, deliverer::deliver);
    }

    @KafkaListener(id = "relay-deliveries",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}')}",
            topics = "#{@chatNamespace.topic('" + Topics.DELIVERIES + "')}",
            concurrency = "${chat.relay.background-listener-concurrency:2}")
    void onDelivery(ConsumerRecord<String, String> record) {
        handle(record, DeliveryRequested.class, deliverer::deliver);
    }

    /**
     * Hands the record's event to {@code action} if it is a {@code type}; ignores others.
     */
    private <T extends ChatEvent> void handle(ConsumerRecord<String, String> record, Class<T> type,
            Consumer<T> action) {
        ChatEvent event = reader.read(record);
        if (type.isInstance(event)) {
            action.accept(type.cast(event));
        }
        else {
            ignore(event, record);
        }
    }

    private static void ignore(ChatEvent event, ConsumerRecord<String, String> record) {
        log.debug("Ignoring {} on {}", event.getClass().getSimpleName(), record.topic());
    }

}
