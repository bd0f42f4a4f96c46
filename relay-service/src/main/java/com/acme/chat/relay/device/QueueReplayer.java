package com.acme.chat.relay.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;

/**
 * Hands a connecting device everything in its queue: pages through the device's partition
 * in (conversation, seq) order and publishes each message to the connection's handler.
 * Rows stay until the device acks them, so a replay that is cut short repeats on the next
 * connect.
 */
@Component
class QueueReplayer {

    private final UnsentQueueRepository queue;

    private final HandlerChannelPublisher publisher;

    private final Counter replayed;

    private final Counter claimed;

    QueueReplayer(UnsentQueueRepository queue, HandlerChannelPublisher publisher, MeterRegistry meters) {
        this.queue = queue;
        this.publisher = publisher;
        this.replayed = Counter.builder("chat.relay.messages.pushed").tag("path", "replay").register(meters);
        this.claimed = Counter.builder("chat.relay.messages.claimed").register(meters);
    }

    /**
     * Gives the device the user's pending messages (queued while the user had no known
     * device), if there are any.
     * @return how many messages the device took over
     */
    int claimPending(UserId user, DeviceId device) {
        int moved = queue.claimUnassigned(user, device);
        claimed.increment(moved);
        return moved;
    }

    /**
     * Publishes the device's whole queue to its connection.
     * @return how many messages were published
     */
    int replay(UserId user, DeviceId device, String handlerId, String connectionId) {
        int count = queue.forEach(user, device,
                message -> publisher.deliver(handlerId, user, device, connectionId, message.toFrame()));
        replayed.increment(count);
        return count;
    }

}
