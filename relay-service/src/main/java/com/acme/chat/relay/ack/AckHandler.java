package com.acme.chat.relay.ack;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatEventReader;
import com.acme.chat.kit.kafka.DeadLetters;
import com.acme.chat.kit.kafka.UnreadableRecordException;

/**
 * Consumes {@link DeliveryAcked} from {@link Topics#ACKS} (group
 * {@code <chat.relay.kafka-group>-acks}; topic and group in the deployment's namespace;
 * {@code chat.relay.ack-listener-concurrency} consumers): the {@code ack_delivery} frames
 * websocket-manager hands over through Kafka instead of one HTTP call each
 * (docs/adr/0030). A poll of up to {@code chat.relay.ack-batch-size} records is applied
 * at once by the {@link AckService}: its receipts are published with one wait for the
 * broker and its deletes run concurrently, which is the point of the topic.
 * <p>
 * <b>Guarantees.</b> At least once: the poll's offsets are committed only after its rows
 * are deleted, and the rows only after their {@code DELIVERED} receipts were acknowledged
 * by Kafka. A failure because a dependency is away (Kafka, Cassandra) retries the whole
 * poll in place, without limit; that is safe because an ack is idempotent (rows already
 * deleted are simply not found again, a repeated receipt has the same event id). A record
 * that is not an event goes to {@code chat.acks.v1.dlt} at once, and an ack whose
 * handling fails for good (not because a dependency is away) after
 * {@code chat.kafka.dead-letter-attempts}, each time after the acks in front of it were
 * applied and committed (service-kit's {@code DeadLetters}), so one bad record never
 * blocks its partition. Records are keyed by user, so one user's acks are applied in
 * order with the poll they arrive in; other events on the topic are ignored.
 * <p>
 * Every failure is thrown as a {@link BatchListenerFailedException} naming a record,
 * never plainly: Spring Kafka retries a plain failure of a batch listener as a whole
 * batch and, once that retry meets a failure it classifies as permanent (a poison record
 * behind a transient outage), dead-letters every record of the poll.
 */
@Component
class AckHandler {

    private static final Logger log = LoggerFactory.getLogger(AckHandler.class);

    private final ChatEventReader reader;

    private final AckService acks;

    AckHandler(ChatEventReader reader, AckService acks) {
        this.reader = reader;
        this.acks = acks;
    }

    @KafkaListener(id = "relay-acks",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}-acks')}",
            topics = "#{@chatNamespace.topic('" + Topics.ACKS + "')}",
            concurrency = "${chat.relay.ack-listener-concurrency:2}", batch = "true",
            properties = "max.poll.records=${chat.relay.ack-batch-size:500}")
    void onAcks(List<ConsumerRecord<String, String>> records) {
        List<Indexed> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ChatEvent event;
            try {
                event = reader.read(records.get(i));
            }
            catch (UnreadableRecordException ex) {
                // The acks in front of it are applied, so the error handler may commit
                // them before it dead-letters this record.
                apply(records, batch);
                throw new BatchListenerFailedException("Not an event", ex, records.get(i));
            }
            if (event instanceof DeliveryAcked acked) {
                batch.add(new Indexed(i, DeviceAck.of(acked)));
            }
            else {
                log.debug("Ignoring {} on {}", event.getClass().getSimpleName(), records.get(i).topic());
            }
        }
        apply(records, batch);
    }

    /**
     * Applies the acks together. A transient failure fails at the poll's first record, so
     * nothing is committed and the whole poll is retried after the back-off. Any other
     * failure cannot say which ack caused it: the acks are then applied one by one, and
     * the first that fails is the record named, the ones in front of it applied.
     */
    private void apply(List<ConsumerRecord<String, String>> records, List<Indexed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            acks.ack(batch.stream().map(Indexed::ack).toList());
        }
        catch (RuntimeException ex) {
            if (DeadLetters.isTransient(ex)) {
                throw new BatchListenerFailedException("Acks not applied", ex, records.get(0));
            }
            log.warn("A poll of {} ack(s) failed ({}); applying them one by one to find the failing one", batch.size(),
                    ex.getClass().getName());
            for (Indexed one : batch) {
                try {
                    acks.ack(List.of(one.ack()));
                }
                catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("Ack not applied", failure, records.get(one.index()));
                }
            }
        }
    }

    /** An ack and the index of its record in the poll. */
    private record Indexed(int index, DeviceAck ack) {
    }

}
