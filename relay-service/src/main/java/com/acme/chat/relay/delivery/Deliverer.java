package com.acme.chat.relay.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.FanoutRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.protocol.UndeliveredFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.notification.PushNotificationPublisher;
import com.acme.chat.relay.queue.CassandraInFlight;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.OutageLog;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * Delivers one message to its recipients, all of them together: queue first (durable),
 * then push (best-effort). A 1:1 message (two recipients), a group's message (up to
 * 1,024) and a chunk of a large one take the same steps, each step done for every
 * recipient at once rather than recipient by recipient:
 * <ol>
 * <li>Target devices: each recipient's known devices ({@link DeviceRegistry}, cached;
 * missing lists read together), minus the sending device ({@link DeliveryTargets}); the
 * pending queue {@code *} for a recipient with no device at all.</li>
 * <li>One {@code unsent_messages} row per target device, or, for a device whose queue is
 * full ({@link QueueLimit}), the conversation's resync marker. The queue counts of all
 * recipients are taken in one pipelined Redis round trip; the rows are written
 * concurrently ({@link CassandraInFlight}) and waited for together. This must succeed,
 * otherwise the call throws.</li>
 * <li>Then the recipients' routes are read from Redis afresh (never from a cache), in one
 * pipelined read of all of them. A routed device that was not a target (it connected for
 * the first time, or registered on another instance a moment ago) gets its row now,
 * before the push. The routed devices are grouped by handler, and each handler gets
 * <em>one</em> publish for the message: a {@code deliver_many} with all its target
 * devices (a plain {@code deliver} when there is one). A device whose queue is full gets
 * the {@code resync} frame instead. The sending device gets neither a row nor a
 * push.</li>
 * <li>A recipient other than the sender with no connected device at all gets a push
 * notification request. The sender's connected devices get an {@code undelivered} frame
 * for each recipient one of whose devices overflowed in this conversation for the first
 * time.</li>
 * </ol>
 * Why the fresh read after the insert closes the race with a connecting device: the
 * handler registers the device's route first and reads the device's queue after that (its
 * replay). If this read misses the route, the route was registered after it, so after the
 * insert, and the replay that follows the registration reads the row. If it sees the
 * route, the device gets a row and the push; a push that reaches the handler during the
 * replay is held back and sent after it, once, in order.
 * <p>
 * At least once: a failure to queue throws, and the caller (a Kafka listener) handles the
 * whole message again; rows already written are written again unchanged. Redis failures
 * only cost the live push and are logged; the message stays queued for the next connect.
 * <p>
 * Threading: called on Kafka listener threads, one message at a time per thread.
 */
@Component
class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeviceRegistry devices;

    private final RouteDirectory routes;

    private final UnsentQueueRepository queue;

    private final CassandraInFlight inFlight;

    private final HandlerChannelPublisher publisher;

    private final PushNotificationPublisher notifications;

    private final QueueLimit limit;

    private final Counter queuedForDevice;

    private final Counter queuedUnassigned;

    private final Counter pushed;

    private final Counter pushesFailed;

    private final OutageLog outage = OutageLog.livePushes(log);

    Deliverer(DeviceRegistry devices, RouteDirectory routes, UnsentQueueRepository queue, CassandraInFlight inFlight,
            HandlerChannelPublisher publisher, PushNotificationPublisher notifications, QueueLimit limit,
            MeterRegistry meters) {
        this.limit = limit;
        this.devices = devices;
        this.routes = routes;
        this.queue = queue;
        this.inFlight = inFlight;
        this.publisher = publisher;
        this.notifications = notifications;
        this.queuedForDevice = Counter.builder("chat.relay.messages.queued").tag("queue", "device").register(meters);
        this.queuedUnassigned = Counter.builder("chat.relay.messages.queued").tag("queue", "pending").register(meters);
        this.pushed = Counter.builder("chat.relay.messages.pushed").tag("path", "live").register(meters);
        this.pushesFailed = Counter.builder("chat.relay.pushes.failed").tag("path", "live").register(meters);
    }

    /**
     * Delivers a stored message to every member in its {@code recipients}, the sender
     * included (for their other devices).
     * @throws RuntimeException when the message could not be queued for a member (the
     * caller retries the whole message; members already done get the same rows again)
     */
    void deliverToMembers(MessageSent message) {
        deliver(DeliveryRequested.forRecipient(message, message.sender(), message.occurredAt()), message.recipients());
    }

    /**
     * Delivers a stored message to the recipients of one chunk of a large fan-out.
     * @throws RuntimeException when the message could not be queued for a member
     */
    void deliver(FanoutRequested chunk) {
        MessageSent message = chunk.message();
        deliver(DeliveryRequested.forRecipient(message, message.sender(), message.occurredAt()), chunk.recipients());
    }

    /**
     * @param delivery the message and its recipient
     * @throws RuntimeException when the message could not be queued (the caller retries)
     */
    void deliver(DeliveryRequested delivery) {
        deliver(delivery, List.of(delivery.recipient()));
    }

    /**
     * @param message the message (its {@code recipient} is not used: the message is the
     * same for every recipient)
     * @param recipients who to deliver it to
     */
    private void deliver(DeliveryRequested message, Collection<UserId> recipients) {
        List<UserId> members = List.copyOf(new LinkedHashSet<>(recipients));
        if (members.isEmpty()) {
            return;
        }
        QueuedMessage queued = QueuedMessage.of(message);
        Map<UserId, Set<DeviceId>> known = devices.devices(members);
        Map<UserId, List<DeviceId>> targets = new LinkedHashMap<>();
        for (UserId member : members) {
            targets.put(member, DeliveryTargets.select(member, message.sender(), message.senderDevice(),
                    known.getOrDefault(member, Set.of())));
        }
        Enqueued enqueued = new Enqueued();
        enqueue(targets, queued, enqueued);
        Map<UserId, List<Route>> live;
        try {
            live = routes.current(members);
        }
        catch (RuntimeException ex) {
            pushesFailed.increment();
            outage.failed("message " + message.messageId() + " to " + members.size() + " member(s), routes unavailable",
                    ex);
            tellSender(message, enqueued.overflowed);
            return;
        }
        Map<UserId, List<DeviceId>> unqueued = new LinkedHashMap<>();
        live.forEach((member, ofMember) -> {
            List<DeviceId> missing = DeliveryTargets.routedWithoutRow(member, message.sender(), message.senderDevice(),
                    targets.get(member), ofMember);
            if (!missing.isEmpty()) {
                unqueued.put(member, missing);
            }
        });
        enqueue(unqueued, queued, enqueued);
        push(message, live, enqueued.marked, queued);
        tellSender(message, enqueued.overflowed);
        int offline = 0;
        for (UserId member : members) {
            if (live.getOrDefault(member, List.of()).isEmpty() && !member.equals(message.sender())) {
                notifications.requestFor(member, message.messageId(), message.conversationId());
                offline++;
            }
        }
        log.debug("Message {} to {} member(s): {} late row(s), resync for {}, {} offline", message.messageId(),
                members.size(), unqueued.size(), enqueued.marked.keySet(), offline);
    }

    /**
     * Queues the message for the devices with room, a resync marker for the others: the
     * counts in one round trip, the rows written concurrently and waited for together.
     */
    private void enqueue(Map<UserId, List<DeviceId>> targets, QueuedMessage message, Enqueued enqueued) {
        Map<UserId, List<DeviceId>> toQueue = new LinkedHashMap<>();
        targets.forEach((member, ofMember) -> {
            if (!ofMember.isEmpty()) {
                toQueue.put(member, ofMember);
            }
        });
        if (toQueue.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> writes = new ArrayList<>();
        limit.admit(toQueue, message).forEach((member, admission) -> {
            if (!admission.marked().isEmpty()) {
                enqueued.marked.computeIfAbsent(member, m -> new HashSet<>()).addAll(admission.marked());
            }
            if (admission.newMarker()) {
                enqueued.overflowed.add(member);
            }
            for (DeviceId device : admission.queue()) {
                writes.add(inFlight.submit(() -> queue.enqueueAsync(member, device, message)));
                if (device.equals(UnsentQueueRepository.UNASSIGNED)) {
                    queuedUnassigned.increment();
                }
                else {
                    queuedForDevice.increment();
                }
            }
        });
        CassandraInFlight.join(writes);
    }

    /**
     * Pushes to every routed device, all of which have their row now, but the sending
     * one: the message, or the resync marker that stands for it in a full queue; one
     * publish per handler and frame.
     */
    private void push(DeliveryRequested message, Map<UserId, List<Route>> live, Map<UserId, Set<DeviceId>> marked,
            QueuedMessage queued) {
        List<Route> toMessage = new ArrayList<>();
        List<Route> toResync = new ArrayList<>();
        live.forEach((member, ofMember) -> {
            Set<DeviceId> full = marked.getOrDefault(member, Set.of());
            for (Route route : ofMember) {
                if (!DeliveryTargets.isSendingDevice(member, message.sender(), message.senderDevice(),
                        route.device())) {
                    (full.contains(route.device()) ? toResync : toMessage).add(route);
                }
            }
        });
        push(message, toMessage, message.toFrame());
        if (!toResync.isEmpty()) {
            push(message, toResync, queued.toResyncMarker().toResyncFrame());
        }
    }

    private void push(DeliveryRequested message, List<Route> targets, ServerFrame frame) {
        HandlerBatches.byHandler(targets).forEach((handlerId, batch) -> {
            try {
                if (batch.size() == 1) {
                    publisher.deliver(batch.get(0), frame);
                }
                else {
                    publisher.deliverMany(handlerId, batch, frame);
                }
                pushed.increment(batch.size());
                outage.succeeded();
            }
            catch (RuntimeException ex) {
                pushesFailed.increment(batch.size());
                outage.failed(
                        "message " + message.messageId() + " to " + batch.size() + " device(s) on handler " + handlerId,
                        ex);
            }
        });
    }

    /**
     * Tells the sender's connected devices, best-effort, that a device of a recipient
     * will not get the message pushed: once per recipient, conversation and overflow.
     */
    private void tellSender(DeliveryRequested message, Set<UserId> overflowed) {
        overflowed.remove(message.sender());
        if (overflowed.isEmpty()) {
            return;
        }
        try {
            List<Route> senders = routes.routes(message.sender());
            for (UserId recipient : overflowed) {
                UndeliveredFrame frame = new UndeliveredFrame(message.conversationId(), recipient, message.messageId(),
                        message.seq(), UndeliveredFrame.QUEUE_FULL);
                for (Route route : senders) {
                    publisher.deliver(route, frame);
                }
            }
        }
        catch (RuntimeException ex) {
            pushesFailed.increment();
            outage.failed("undelivered notice of " + message.messageId() + " to " + message.sender(), ex);
        }
    }

    /** What queuing one message did, across its rounds (targets, then late routes). */
    private static final class Enqueued {

        /** Devices that got the resync marker instead of the message, by recipient. */
        final Map<UserId, Set<DeviceId>> marked = new HashMap<>();

        /** Recipients with a device whose marker is the conversation's first. */
        final Set<UserId> overflowed = new LinkedHashSet<>();

    }

}
