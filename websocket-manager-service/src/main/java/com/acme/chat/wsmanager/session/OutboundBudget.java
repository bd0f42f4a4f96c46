package com.acme.chat.wsmanager.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory this handler lets its connections hold in frames not yet written to their
 * sockets: a per-connection bound and one for the whole instance, both in bytes of heap.
 * <p>
 * A frame costs {@link #cost} (its characters at two bytes each, the most a Java string
 * can take, plus a fixed overhead), from the moment it is queued or held back until
 * Reactor Netty takes it for the socket. A connection past its own bound is a slow reader
 * and is closed with 1013. The instance bound protects the heap from many slow readers at
 * once: past it, a connection is refused only if it holds more than its
 * {@linkplain #fairShare fair share}, so the connections that cause the pressure are the
 * ones closed, not whichever connection happens to be pushed to next.
 * <p>
 * Thread-safe.
 */
final class OutboundBudget {

    /** Per-frame overhead: the string and the queue node that holds it. */
    static final int FRAME_OVERHEAD = 48;

    private final long perConnection;

    private final long total;

    private final AtomicLong used = new AtomicLong();

    /**
     * @param perConnection bytes one connection may hold
     * @param total bytes all connections of this instance may hold together
     */
    OutboundBudget(long perConnection, long total) {
        if (perConnection <= 0 || total < perConnection) {
            throw new IllegalArgumentException(
                    "Outbound bounds must be positive and the total at least the per-connection bound");
        }
        this.perConnection = perConnection;
        this.total = total;
    }

    /** A budget that never refuses, for tests of other concerns. */
    static OutboundBudget unbounded() {
        return new OutboundBudget(Long.MAX_VALUE / 4, Long.MAX_VALUE / 2);
    }

    /** The heap a frame is charged for. */
    static long cost(String frame) {
        return 2L * frame.length() + FRAME_OVERHEAD;
    }

    long perConnection() {
        return perConnection;
    }

    /**
     * Below this, a connection is never refused for the instance's sake (an eighth of its
     * own bound).
     */
    long fairShare() {
        return perConnection / 8;
    }

    /**
     * Charges a frame to the instance.
     * @param cost the frame's {@link #cost}
     * @param held what the offering connection holds already
     * @param force charge even past the instance bound (a replay page, which is paced by
     * the replay instead)
     * @return whether it was charged
     */
    boolean take(long cost, long held, boolean force) {
        long now = used.addAndGet(cost);
        if (now > total && !force && held + cost > fairShare()) {
            used.addAndGet(-cost);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        if (bytes != 0) {
            used.addAndGet(-bytes);
        }
    }

    /** Bytes held by all connections now. */
    long used() {
        return used.get();
    }

}
