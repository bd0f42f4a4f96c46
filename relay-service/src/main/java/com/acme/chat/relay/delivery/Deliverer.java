package com.acme.chat.relay.delivery;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.UndeliveredFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.notification.PushNotificationPublisher;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.OutageLog;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * Delivers one message to one recipient: queue first (durable), then push (best-effort).
 * <ol>
 * <li>Target devices: the recipient's known devices ({@link DeviceRegistry}, cached),
 * minus the sending device ({@link DeliveryTargets}); the pending queue {@code *} when
 * the recipient has no device at all.</li>
 * <li>One {@code unsent_messages} row per target device, or, for a device whose queue is
 * full ({@link QueueLimit}), the conversation's resync marker. This must succeed,
 * otherwise the call throws.</li>
 * <li>Then the recipient's routes are read from Redis afresh (never from a cache). A
 * routed device that was not a target (it connected for the first time, or registered on
 * another instance a moment ago) gets its row now, before the push. Each routed target
 * device gets the {@code message} frame on its handler's channel.</li>
 * <li>A recipient other than the sender with no connected device at all gets a push
 * notification request. The sender's connected devices get an {@code undelivered} frame
 * when a device of the recipient overflowed in this conversation for the first time.</li>
 * </ol>
 * Why the fresh read after the insert closes the race with a connecting device: the
 * handler registers the device's route first and reads the device's queue after that (its
 * replay). If this read misses the route, the route was registered after it, so after the
 * insert, and the replay that follows the registration reads the row. If it sees the
 * route, the device gets a row and the push; a push that reaches the handler during the
 * replay is held back and sent after it, once, in order.
 * <p>
 * Redis failures only cost the live push and are logged; the message stays queued for the
 * next connect.
 */
@Component
class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeviceRegistry devices;

    private final RouteDirectory routes;

    private final UnsentQueueRepository queue;

    private final HandlerChannelPublisher publisher;

    private final PushNotificationPublisher notifications;

    private final QueueLimit limit;

    private final Counter queuedForDevice;

    private final Counter queuedUnassigned;

    private final Counter pushed;

    private final Counter pushesFailed;

    private final OutageLog outage = OutageLog.livePushes(log);

    Deliverer(DeviceRegistry devices, RouteDirectory routes, UnsentQueueRepository queue,
            HandlerChannelPublisher publisher, PushNotificationPublisher notifications, QueueLimit limit,
            MeterRegistry meters) {
        this.limit = limit;
        this.devices = devices;
        this.routes = routes;
        this.queue = queue;
        this.publisher = publisher;
        this.notifications = notifications;
        this.queuedForDevice = Counter.builder("chat.relay.messages.queued").tag("queue", "device").register(meters);
        this.queuedUnassigned = Counter.builder("chat.relay.messages.queued").tag("queue", "pending").register(meters);
        this.pushed = Counter.builder("chat.relay.messages.pushed").tag("path", "live").register(meters);
        this.pushesFailed = Counter.builder("chat.relay.pushes.failed").tag("path", "live").register(meters);
    }

    /**
     * Delivers a stored message to every member in its {@code recipients}, the sender
     * included (for their other devices), each like a {@link DeliveryRequested} of its
     * own.
     * @throws RuntimeException when the message could not be queued for a member (the
     * caller retries the whole message; members already done get the same rows again)
     */
    void deliverToMembers(MessageSent message) {
        for (UserId member : message.recipients()) {
            deliver(DeliveryRequested.forRecipient(message, member, message.occurredAt()));
        }
    }

    /**
     * @param delivery the message and its recipient
     * @throws RuntimeException when the message could not be queued (the caller retries)
     */
    void deliver(DeliveryRequested delivery) {
        UserId recipient = delivery.recipient();
        List<DeviceId> targets = DeliveryTargets.select(recipient, delivery.sender(), delivery.senderDevice(),
                devices.devices(recipient));
        QueuedMessage queued = QueuedMessage.of(delivery);
        Set<DeviceId> marked = new HashSet<>();
        boolean overflowed = enqueue(recipient, targets, queued, marked);
        List<Route> live;
        try {
            live = routes.current(recipient);
        }
        catch (RuntimeException ex) {
            pushesFailed.increment();
            outage.failed("message " + delivery.messageId() + " to " + recipient + ", routes unavailable", ex);
            tellSender(delivery, overflowed);
            return;
        }
        List<DeviceId> unqueued = DeliveryTargets.routedWithoutRow(recipient, delivery.sender(),
                delivery.senderDevice(), targets, live);
        overflowed |= enqueue(recipient, unqueued, queued, marked);
        push(delivery, live, marked, queued);
        tellSender(delivery, overflowed);
        if (live.isEmpty() && !recipient.equals(delivery.sender())) {
            notifications.requestFor(delivery);
        }
        log.debug("Message {} to {}: queued for {} and {}, resync for {}, {} live route(s)", delivery.messageId(),
                recipient, targets, unqueued, marked, live.size());
    }

    /**
     * Queues the message for the devices with room, a resync marker for the others.
     * @param marked collects the devices that got a marker
     * @return whether a marker is the first of its conversation's overflow
     */
    private boolean enqueue(UserId recipient, List<DeviceId> devices, QueuedMessage message, Set<DeviceId> marked) {
        if (devices.isEmpty()) {
            return false;
        }
        QueueLimit.Admission admission = limit.admit(recipient, devices, message);
        marked.addAll(admission.marked());
        enqueue(recipient, admission.queue(), message);
        return admission.newMarker();
    }

    private void enqueue(UserId recipient, List<DeviceId> devices, QueuedMessage message) {
        if (devices.isEmpty()) {
            return;
        }
        queue.enqueue(recipient, devices, message);
        if (devices.contains(UnsentQueueRepository.UNASSIGNED)) {
            queuedUnassigned.increment();
        }
        else {
            queuedForDevice.increment(devices.size());
        }
    }

    /**
     * Pushes to every routed device, all of which have their row now, but the sending
     * one: the message, or the resync marker that stands for it in a full queue.
     */
    private void push(DeliveryRequested delivery, List<Route> live, Set<DeviceId> marked, QueuedMessage queued) {
        MessageFrame frame = delivery.toFrame();
        ResyncFrame resync = marked.isEmpty() ? null : queued.toResyncMarker().toResyncFrame();
        for (Route route : live) {
            if (DeliveryTargets.isSendingDevice(delivery.recipient(), delivery.sender(), delivery.senderDevice(),
                    route.device())) {
                continue;
            }
            try {
                publisher.deliver(route, marked.contains(route.device()) ? resync : frame);
                pushed.increment();
                outage.succeeded();
            }
            catch (RuntimeException ex) {
                pushesFailed.increment();
                outage.failed(
                        "message " + delivery.messageId() + " to device " + route.device() + " of " + route.user(), ex);
            }
        }
    }

    /**
     * Tells the sender's connected devices, best-effort, that a device of the recipient
     * will not get the message pushed: once per conversation and overflow.
     */
    private void tellSender(DeliveryRequested delivery, boolean overflowed) {
        if (!overflowed || delivery.sender().equals(delivery.recipient())) {
            return;
        }
        UndeliveredFrame frame = new UndeliveredFrame(delivery.conversationId(), delivery.recipient(),
                delivery.messageId(), delivery.seq(), UndeliveredFrame.QUEUE_FULL);
        try {
            for (Route route : routes.routes(delivery.sender())) {
                publisher.deliver(route, frame);
            }
        }
        catch (RuntimeException ex) {
            pushesFailed.increment();
            outage.failed("undelivered notice of " + delivery.messageId() + " to " + delivery.sender(), ex);
        }
    }

}
