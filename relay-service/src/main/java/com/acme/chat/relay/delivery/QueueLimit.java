package com.acme.chat.relay.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.relay.config.RelayCaches;
import com.acme.chat.relay.queue.QueueSizes;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;

/**
 * {@code chat.relay.max-queue-per-device}: which devices a message is queued for, and
 * what a full queue gets instead (ADR 0024).
 * <p>
 * The oldest messages are kept. A device whose queue holds the limit does not get the new
 * message queued; its queue gets (or raises) the conversation's <em>resync marker</em>
 * instead, which hands the device a {@code resync} frame telling it to fetch the
 * conversation from history. The message itself is in the history already, so nothing is
 * dropped silently. The first overflow of a conversation (no marker there yet) is
 * reported so that the sender can be told.
 * <p>
 * Whether a queue is full comes from {@link QueueSizes} (a count in Redis, one pipelined
 * round trip for all of a message's recipients and devices). Before a conversation's
 * first marker, the count is checked against the queue itself (at most once per device
 * and 30 seconds), and a count that was too high is corrected instead of holding anything
 * back.
 */
@Component
class QueueLimit {

    private static final Logger log = LoggerFactory.getLogger(QueueLimit.class);

    /** Rows read beyond the limit when a queue is counted, for its markers. */
    private static final int MARKER_ALLOWANCE = 1000;

    private final QueueSizes sizes;

    private final UnsentQueueRepository queue;

    private final Cache<DeviceKey, Boolean> recentlyFull;

    private final Counter overflows;

    private final Counter markersRaised;

    private final Counter corrected;

    QueueLimit(QueueSizes sizes, UnsentQueueRepository queue, ChatCaches caches, MeterRegistry meters) {
        this.sizes = sizes;
        this.queue = queue;
        this.recentlyFull = caches.get(RelayCaches.FULL_QUEUES);
        this.overflows = Counter.builder("chat.relay.queue.overflows").register(meters);
        this.markersRaised = Counter.builder("chat.relay.queue.resync_raised").register(meters);
        this.corrected = Counter.builder("chat.relay.queue.size_corrected").register(meters);
    }

    /**
     * Decides, for each device of each recipient, between queuing the message and marking
     * the conversation for resync; writes the markers (before any push, like the message
     * rows). The counts of all recipients are taken in one round trip to Redis.
     * @param devices the devices to queue the message for, by recipient
     * @param message the message
     * @return for each recipient: which devices to queue it for, which got a marker, and
     * whether a marker is new
     */
    Map<UserId, Admission> admit(Map<UserId, List<DeviceId>> devices, QueuedMessage message) {
        Map<UserId, Set<DeviceId>> full = sizes.admit(devices);
        Map<UserId, Admission> admissions = new LinkedHashMap<>();
        devices.forEach((recipient, ofRecipient) -> admissions.put(recipient,
                admit(recipient, ofRecipient, full.getOrDefault(recipient, Set.of()), message)));
        return admissions;
    }

    private Admission admit(UserId recipient, List<DeviceId> devices, Set<DeviceId> full, QueuedMessage message) {
        if (full.isEmpty()) {
            return new Admission(devices, Set.of(), false);
        }
        List<DeviceId> admitted = new ArrayList<>(devices);
        admitted.removeAll(full);
        Set<DeviceId> marked = new HashSet<>();
        boolean newMarker = false;
        for (DeviceId device : full) {
            boolean hadMarker = queue.hasResync(recipient, device, message.conversationId());
            if (!hadMarker && !confirmedFull(recipient, device)) {
                admitted.add(device);
                continue;
            }
            queue.markResync(recipient, device, message);
            marked.add(device);
            if (hadMarker) {
                markersRaised.increment();
            }
            else {
                newMarker = true;
                overflows.increment();
                log.debug("Queue of device {} of {} is full: {} of {} goes to a resync marker", device, recipient,
                        message.messageId(), message.conversationId());
            }
        }
        return new Admission(admitted, marked, newMarker);
    }

    /**
     * Counts the device's queue; corrects the count when it is not full after all.
     */
    private boolean confirmedFull(UserId user, DeviceId device) {
        DeviceKey key = new DeviceKey(user, device);
        if (recentlyFull.getIfPresent(key) != null) {
            return true;
        }
        // Past the limit by as many rows as the queue can hold markers (one per
        // conversation).
        int size = queue.countMessages(user, device, sizes.limit() + MARKER_ALLOWANCE);
        if (size >= sizes.limit()) {
            recentlyFull.put(key, Boolean.TRUE);
            return true;
        }
        // The message about to be queued takes a place too.
        sizes.correct(user, device, size + 1);
        corrected.increment();
        log.debug("Queue of device {} of {} holds {}, not {}: count corrected", device, user, size, sizes.limit());
        return false;
    }

    /**
     * @param queue the devices to queue the message for
     * @param marked the devices whose queue got a resync marker instead
     * @param newMarker whether one of those markers is the conversation's first of this
     * overflow (the sender is told then)
     */
    record Admission(List<DeviceId> queue, Set<DeviceId> marked, boolean newMarker) {
    }

    private record DeviceKey(UserId user, DeviceId device) {
    }

}
