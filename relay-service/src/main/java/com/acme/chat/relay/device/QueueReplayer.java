package com.acme.chat.relay.device;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.relay.queue.QueuePosition;
import com.acme.chat.relay.queue.QueueSizes;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;

/**
 * Hands a connecting device everything in its queue, in (conversation, seq) order: page
 * by page to the handler that asks for it ({@link #page}), or, for older handlers,
 * published message by message to the connection's handler channel ({@link #replay}).
 * Rows stay until the device acks them, so a replay that is cut short repeats on the next
 * connect.
 */
@Component
class QueueReplayer {

    private final UnsentQueueRepository queue;

    private final DeviceRegistry devices;

    private final HandlerChannelPublisher publisher;

    private final QueueSizes sizes;

    private final Counter replayed;

    private final Counter claimed;

    private final Counter paged;

    QueueReplayer(UnsentQueueRepository queue, DeviceRegistry devices, HandlerChannelPublisher publisher,
            QueueSizes sizes, MeterRegistry meters) {
        this.sizes = sizes;
        this.queue = queue;
        this.devices = devices;
        this.publisher = publisher;
        this.replayed = Counter.builder("chat.relay.messages.pushed").tag("path", "replay").register(meters);
        this.claimed = Counter.builder("chat.relay.messages.claimed").register(meters);
        this.paged = Counter.builder("chat.relay.messages.pushed").tag("path", "replay-page").register(meters);
    }

    /**
     * One page of the device's queue for the handler that holds its new connection. The
     * first page of a connect ({@code after} null) first registers the device and moves
     * the user's pending messages into its queue.
     * @param user the user
     * @param device the device
     * @param after where the previous page ended, or null for the first page
     * @param limit at most this many messages
     * @return the messages, oldest first per conversation
     * @throws ChatException {@code validation_failed} for the pending pseudo device
     * {@link UnsentQueueRepository#UNASSIGNED}
     */
    List<QueuedMessage> page(UserId user, DeviceId device, @Nullable QueuePosition after, int limit) {
        if (UnsentQueueRepository.UNASSIGNED.equals(device)) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "deviceId: '*' is not a device");
        }
        if (after == null) {
            devices.register(user, device, Instant.now());
            claimPending(user, device);
        }
        List<QueuedMessage> messages = queue.page(user, device, after, limit);
        paged.increment(messages.size());
        return messages;
    }

    /**
     * Gives the device the user's pending messages (queued while the user had no known
     * device), if there are any.
     * @return how many messages the device took over
     */
    int claimPending(UserId user, DeviceId device) {
        int moved = queue.claimUnassigned(user, device);
        sizes.moved(user, UnsentQueueRepository.UNASSIGNED, device, moved);
        claimed.increment(moved);
        return moved;
    }

    /**
     * Publishes the device's whole queue to its connection.
     * @return how many messages were published
     */
    int replay(UserId user, DeviceId device, String handlerId, String connectionId) {
        int count = queue.forEach(user, device,
                message -> publisher.deliver(handlerId, user, device, connectionId, message.toServerFrame()));
        replayed.increment(count);
        return count;
    }

}
