package com.acme.chat.relay.ack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.relay.queue.CassandraInFlight;
import com.acme.chat.relay.queue.QueueSizes;
import com.acme.chat.relay.queue.QueuedRef;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.receipt.ReceiptPusher;

/**
 * Drops acknowledged messages from a device's queue and reports them as delivered, for
 * one ack (the REST call) or a batch of them (the {@link AckHandler}'s poll).
 * <p>
 * The queue is keyed by the authenticated user, so a device can only ever touch its own
 * user's queue. The message ids are mapped to their queue keys (seq, sentAt) either from
 * the keys the websocket-manager that pushed them sends along (for a group, or a direct
 * conversation the user is part of; nothing is read) or by reading the conversation's
 * rows of that queue; the {@code DELIVERED} receipts (one per conversation and user, up
 * to the highest removed seq) are published together and acknowledged by Kafka
 * <em>before</em> any row is deleted, so a failure anywhere leaves the rows queued and a
 * retry (the client's, or the listener's) repeats both steps (acks and receipts are
 * idempotent). The deletes of all the acks then run concurrently, bounded with the
 * deliveries' ({@link CassandraInFlight}), and are waited for together. Then the receipts
 * are pushed to the senders' connected devices (best-effort), here rather than from the
 * topic. Acknowledging a resync marker removes it and publishes no receipt; the places of
 * removed messages go back to the devices' counts ({@link QueueSizes}, one pipelined
 * round trip). A Cassandra failure reaches a REST caller as a retryable 503 through
 * service-kit's {@code CassandraFailureAdvice}, and a listener as a retry in place.
 */
@Service
class AckService {

    private static final Logger log = LoggerFactory.getLogger(AckService.class);

    private final UnsentQueueRepository queue;

    private final CassandraInFlight inFlight;

    private final DeliveredReceiptPublisher receipts;

    private final ReceiptPusher pusher;

    private final QueueSizes sizes;

    private final Counter removed;

    AckService(UnsentQueueRepository queue, CassandraInFlight inFlight, DeliveredReceiptPublisher receipts,
            ReceiptPusher pusher, QueueSizes sizes, MeterRegistry meters) {
        this.queue = queue;
        this.inFlight = inFlight;
        this.receipts = receipts;
        this.pusher = pusher;
        this.sizes = sizes;
        this.removed = Counter.builder("chat.relay.acks.removed").register(meters);
    }

    /**
     * @param keys the queue keys of the acknowledged messages, or null to look them up
     * @return how many of the messages are now removed: those queued for the device when
     * the queue was read, or every keyed message when the keys were given
     */
    int ack(UserId user, DeviceId device, ConversationId conversation, List<MessageId> messageIds,
            @Nullable List<QueuedRef> keys) {
        return ack(List.of(new DeviceAck(user, device, conversation, messageIds, keys)));
    }

    /**
     * Applies acks together; each is handled as if alone (several acks of one device and
     * conversation included), except that their receipts are published at once.
     * @param acks the acks
     * @return how many queued rows they removed in all
     */
    int ack(List<DeviceAck> acks) {
        List<Removal> removals = new ArrayList<>(acks.size());
        DeliveredPositions positions = new DeliveredPositions();
        for (DeviceAck ack : acks) {
            List<QueuedRef> rows = usable(ack.user(), ack.conversation(), ack.messageIds(), ack.keys()) ? ack.keys()
                    : queue.inConversation(ack.user(), ack.device(), ack.conversation());
            AckSelection selection = AckSelection.of(rows, ack.messageIds());
            if (!selection.isEmpty()) {
                removals.add(new Removal(ack, selection));
                selection.highestSeq().ifPresent(seq -> positions.reached(ack.conversation(), ack.user(), seq));
            }
        }
        if (removals.isEmpty()) {
            return 0;
        }
        List<ReceiptRecorded> delivered = positions.receipts();
        receipts.publish(delivered);
        List<CompletableFuture<?>> deletes = new ArrayList<>(removals.size());
        Map<UserId, Map<DeviceId, Integer>> freed = new HashMap<>();
        int rows = 0;
        for (Removal removal : removals) {
            DeviceAck ack = removal.ack();
            List<QueuedRef> acked = removal.selection().rows();
            deletes.add(inFlight.submit(() -> queue.removeAsync(ack.user(), ack.device(), ack.conversation(), acked)));
            freed.computeIfAbsent(ack.user(), user -> new HashMap<>())
                .merge(ack.device(), removal.selection().messages(), Integer::sum);
            rows += acked.size();
        }
        CassandraInFlight.join(deletes);
        sizes.removed(freed);
        removed.increment(rows);
        delivered.forEach(pusher::push);
        log.debug("{} ack(s) removed {} queued row(s), {} receipt(s) published", removals.size(), rows,
                delivered.size());
        return rows;
    }

    /**
     * Keys are taken as given when they cover exactly the acknowledged ids, for a direct
     * conversation of the user and for any group: nothing is read then. They only ever
     * address the caller's own queue, so at worst they remove nothing; the receipt they
     * lead to names the caller, and messaging applies a group's DELIVERED receipt only
     * for a member at that seq (ReceiptService.recordConsumed), as it bounds a direct one
     * by the conversation's participants. Reading the queue for every group ack cost a
     * Cassandra read per member per message (docs/adr/0027).
     */
    private static boolean usable(UserId user, ConversationId conversation, List<MessageId> messageIds,
            @Nullable List<QueuedRef> keys) {
        if (keys == null || (conversation.isDirect() && !conversation.directParticipants().contains(user))) {
            return false;
        }
        Set<MessageId> keyed = new HashSet<>();
        keys.forEach(key -> keyed.add(key.messageId()));
        return keyed.equals(new HashSet<>(messageIds));
    }

    /** The rows one ack removes. */
    private record Removal(DeviceAck ack, AckSelection selection) {
    }

}
