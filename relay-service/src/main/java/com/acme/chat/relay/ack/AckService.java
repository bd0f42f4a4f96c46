package com.acme.chat.relay.ack;

import java.util.List;

import com.datastax.oss.driver.api.core.DriverException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.relay.queue.QueuedRef;
import com.acme.chat.relay.receipt.ReceiptPusher;
import com.acme.chat.relay.queue.UnsentQueueRepository;

/**
 * Drops acknowledged messages from a device's queue and reports them as delivered.
 * <p>
 * The queue is keyed by the authenticated user, so a device can only ever touch its own
 * user's queue. The conversation's rows of that queue are read to map message ids to
 * their seq; the {@code DELIVERED} receipt (up to the highest removed seq) is published
 * and acknowledged by Kafka <em>before</em> the rows are deleted, so a failure anywhere
 * leaves the rows queued and the client's retry repeats both steps (acks and receipts are
 * idempotent). Then the receipt is pushed to the sender's connected devices
 * (best-effort), here rather than from the topic.
 */
@Service
class AckService {

    private static final Logger log = LoggerFactory.getLogger(AckService.class);

    private final UnsentQueueRepository queue;

    private final DeliveredReceiptPublisher receipts;

    private final ReceiptPusher pusher;

    private final Counter removed;

    AckService(UnsentQueueRepository queue, DeliveredReceiptPublisher receipts, ReceiptPusher pusher,
            MeterRegistry meters) {
        this.queue = queue;
        this.receipts = receipts;
        this.pusher = pusher;
        this.removed = Counter.builder("chat.relay.acks.removed").register(meters);
    }

    /**
     * @return how many of the messages were queued for the device and are now removed
     */
    int ack(UserId user, DeviceId device, ConversationId conversation, List<MessageId> messageIds) {
        try {
            AckSelection selection = AckSelection.of(queue.inConversation(user, device, conversation), messageIds);
            if (selection.isEmpty()) {
                return 0;
            }
            ReceiptRecorded receipt = receipts.publish(conversation, user, selection.highestSeq().getAsLong());
            List<QueuedRef> rows = selection.rows();
            queue.remove(user, device, conversation, rows);
            removed.increment(rows.size());
            pusher.push(receipt);
            log.debug("Device {} of {} acked {} message(s) in {}", device, user, rows.size(), conversation);
            return rows.size();
        }
        catch (DriverException ex) {
            log.warn("Ack of device {} of {} failed: {}", device, user, ex.toString());
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "The delivery queue is unavailable right now");
        }
    }

}
