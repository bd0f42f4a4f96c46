package com.acme.chat.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;

/**
 * The books of one run of messages: for each message {@code n} and each device of its
 * conversation (a <em>slot</em>, {@code 0 .. slots-1}: the group's devices, or sender and
 * recipient of a 1:1 message), how often it arrived; from which lost, duplicated and the
 * latencies follow. Pure bookkeeping, safe for the devices' threads: the generator calls
 * {@link #scheduled} before it sends message {@code n}, {@link #acked} or {@link #failed}
 * with the server's answer, and {@link #delivered} for each arrival.
 * <p>
 * Times are {@link System#nanoTime()} values. Messages {@code 0 .. firstMeasured-1} are
 * the warm-up: counted nowhere but in deliveries per second (what arrives inside the
 * window is the server's work in the window, whichever message it belongs to).
 */
final class DeliveryLedger {

    private final int total;

    private final int firstMeasured;

    private final int slots;

    private final AtomicLongArray scheduledAt;

    private final AtomicLongArray ackedAt;

    private final int[] senderSlot;

    /** Arrivals of message n at slot s, at {@code n * slots + s}. */
    private final AtomicIntegerArray arrivals;

    /** Slots of message n that have not received it yet (the sender's excluded). */
    private final AtomicIntegerArray waitingFor;

    private final Histogram toMember = OpenLoop.micros();

    private final Histogram toLastMember = OpenLoop.micros();

    private final Histogram toAck = OpenLoop.micros();

    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    private final AtomicLong arrivedInWindow = new AtomicLong();

    private volatile long windowStart = Long.MAX_VALUE;

    private volatile long windowEnd = Long.MAX_VALUE;

    /**
     * @param total messages in the run, warm-up included
     * @param firstMeasured the first message of the measured window
     * @param slots devices per conversation: every message is expected on
     * {@code slots - 1} of them (all but the sending device)
     */
    DeliveryLedger(int total, int firstMeasured, int slots) {
        if (slots < 2) {
            throw new IllegalArgumentException("a delivery needs two devices, not " + slots);
        }
        this.total = total;
        this.firstMeasured = firstMeasured;
        this.slots = slots;
        this.scheduledAt = new AtomicLongArray(total);
        this.ackedAt = new AtomicLongArray(total);
        this.senderSlot = new int[total];
        this.arrivals = new AtomicIntegerArray(Math.multiplyExact(total, slots));
        this.waitingFor = new AtomicIntegerArray(total);
    }

    /** The window in which arrivals count for deliveries per second. */
    void window(long start, long end) {
        windowStart = start;
        windowEnd = end;
    }

    /** Message n is due at {@code due}, from the device in slot {@code sender}. */
    void scheduled(int n, long due, int sender) {
        senderSlot[n] = sender;
        waitingFor.set(n, slots - 1);
        scheduledAt.set(n, due);
    }

    void acked(int n, long now) {
        ackedAt.set(n, now);
        if (n >= firstMeasured) {
            OpenLoop.record(toAck, scheduledAt.get(n), now);
        }
    }

    /** Message n was answered with an {@code error} of this code. */
    void failed(int n, String code) {
        errors.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Message n arrived at the device in slot {@code slot}.
     * @return whether it is the first arrival there
     */
    boolean delivered(int n, int slot, long now) {
        // Read first: its volatile write in scheduled() publishes senderSlot[n] too.
        long scheduled = scheduledAt.get(n);
        boolean first = arrivals.incrementAndGet(n * slots + slot) == 1;
        if (!first || slot == senderSlot[n]) {
            return first;
        }
        if (now >= windowStart && now < windowEnd) {
            arrivedInWindow.incrementAndGet();
        }
        if (n >= firstMeasured) {
            OpenLoop.record(toMember, scheduled, now);
            if (waitingFor.decrementAndGet(n) == 0) {
                OpenLoop.record(toLastMember, scheduled, now);
            }
        }
        return true;
    }

    /**
     * @return deliveries of acked measured messages that have not arrived yet
     */
    long missing() {
        long missing = 0;
        for (int n = firstMeasured; n < total; n++) {
            if (ackedAt.get(n) != 0) {
                missing += waitingFor.get(n);
            }
        }
        return missing;
    }

    Summary summary() {
        long acked = 0;
        long lost = 0;
        long lostMessages = 0;
        long duplicates = 0;
        long toSender = 0;
        for (int n = firstMeasured; n < total; n++) {
            if (ackedAt.get(n) != 0) {
                acked++;
                int waiting = waitingFor.get(n);
                lost += waiting;
                lostMessages += (waiting > 0) ? 1 : 0;
            }
            for (int s = 0; s < slots; s++) {
                int count = arrivals.get(n * slots + s);
                if (s == senderSlot[n]) {
                    toSender += count;
                }
                else if (count > 1) {
                    duplicates += count - 1;
                }
            }
        }
        long sent = total - firstMeasured;
        return new Summary(sent, acked, sent - acked, acked * (slots - 1), toMember.getTotalCount(), lost, lostMessages,
                duplicates, toSender, arrivedInWindow.get(), OpenLoop.counts(errors), toMember.copy(),
                toLastMember.copy(), toAck.copy());
    }

    /**
     * A run's figures over its measured messages.
     *
     * @param sent messages sent
     * @param acked messages the server acked
     * @param notAcked messages answered with an error, or not at all
     * @param expected deliveries the acked messages owe: one to every device of the
     * conversation but the sending one
     * @param delivered first arrivals of measured messages at the devices that expect
     * them
     * @param lost deliveries owed by acked messages that had not arrived at the end
     * @param lostMessages acked messages that missed at least one device
     * @param duplicates arrivals beyond the first at one device
     * @param toSender arrivals at the sending device, which should get none
     * @param arrivedInWindow first arrivals inside the window, of any message of the run
     * @param errors error codes of the sends, with their counts
     * @param toMember send (scheduled) to each arrival, microseconds
     * @param toLastMember send (scheduled) to the arrival at the last device, per message
     * that reached them all, microseconds
     * @param toAck send (scheduled) to the server's ack, microseconds
     */
    record Summary(long sent, long acked, long notAcked, long expected, long delivered, long lost, long lostMessages,
            long duplicates, long toSender, long arrivedInWindow, Map<String, Long> errors, Histogram toMember,
            Histogram toLastMember, Histogram toAck) {
    }

}
