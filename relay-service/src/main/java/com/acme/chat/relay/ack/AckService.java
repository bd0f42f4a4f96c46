package com.acme.chat.relay.ack;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

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
import com.acme.chat.relay.queue.QueueSizes;
import com.acme.chat.relay.queue.QueuedRef;
import com.acme.chat.relay.receipt.ReceiptPusher;
import com.acme.chat.relay.queue.UnsentQueueRepository;

/**
 * Drops acknowledged messages from a device's queue and reports them as delivered.
 * <p>
 * The queue is keyed by the authenticated user, so a device can only ever touch its own
 * user's queue. The message ids are mapped to their queue keys (seq, sentAt) either from
 * the keys the websocket-manager that pushed them sends along (for a group, or a direct
 * conversation the user is part of; nothing is read) or by reading the conversation's
 * rows of that queue; the {@code DELIVERED} receipt (up to the highest removed seq) is
 * published and acknowledged by Kafka <em>before</em> the rows are deleted, so a failure
 * anywhere leaves the rows queued and the client's retry repeats both steps (acks and
 * receipts are idempotent). Then the receipt is pushed to the sender's connected devices
 * (best-effort), here rather than from the topic. Acknowledging a resync marker removes
 * it and publishes no receipt; the places of removed messages go back to the device's
 * count ({@link QueueSizes}). A Cassandra failure reaches the caller as a retryable 503
 * through service-kit's {@code CassandraFailureAdvice}.
 */
@Service
class AckService {

    private static final Logger log = LoggerFactory.getLogger(AckService.class);

    private final UnsentQueueRepository queue;

    private final DeliveredReceiptPublisher receipts;

    private final ReceiptPusher pusher;

    private final QueueSizes sizes;

    private final Counter removed;

    AckService(UnsentQueueRepository queue, DeliveredReceiptPublisher receipts, ReceiptPusher pusher, QueueSizes sizes,
            MeterRegistry meters) {
        this.sizes = sizes;
        this.queue = queue;
        this.receipts = receipts;
        this.pusher = pusher;
        this.removed = Counter.builder("chat.relay.acks.removed").register(meters);
    }

    /**
     * @param keys the queue keys of the acknowledged messages, or null to look them up
     * @return how many of the messages are now removed: those queued for the device when
     * the queue was read, or every keyed message when the keys were given
     */
    int ack(UserId user, DeviceId device, ConversationId conversation, List<MessageId> messageIds,
            @Nullable List<QueuedRef> keys) {
        List<QueuedRef> rows = usable(user, conversation, messageIds, keys) ? keys
                : queue.inConversation(user, device, conversation);
        AckSelection selection = AckSelection.of(rows, messageIds);
        if (selection.isEmpty()) {
            return 0;
        }
        OptionalLong highestSeq = selection.highestSeq();
        ReceiptRecorded receipt = highestSeq.isPresent() ? receipts.publish(conversation, user, highestSeq.getAsLong())
                : null;
        List<QueuedRef> acked = selection.rows();
        queue.remove(user, device, conversation, acked);
        sizes.removed(user, device, selection.messages());
        removed.increment(acked.size());
        if (receipt != null) {
            pusher.push(receipt);
        }
        log.debug("Device {} of {} acked {} message(s) in {}", device, user, acked.size(), conversation);
        return acked.size();
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

}
