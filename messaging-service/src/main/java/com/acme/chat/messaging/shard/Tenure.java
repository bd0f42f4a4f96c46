package com.acme.chat.messaging.shard;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * This instance's hold on one shard, from the take-over until the lease is lost, expires
 * or is released (ADR 0014). It hands out the write timestamps that fence the tenure's
 * writes: each is {@code epoch + n}, below {@code epoch + 2^20}, and a later tenure's
 * epoch is at least {@code 2^20} above this one's, so any write of a later tenure wins
 * over any write of this one in Cassandra's last-write-wins.
 */
public final class Tenure {

    /** How far apart epochs are, and how many write timestamps one epoch has. */
    public static final long EPOCH_SPAN = 1L << 20;

    private final int shard;

    private final long id;

    private final LongSupplier nanoClock;

    private final AtomicLong nextTimestamp;

    private volatile long epoch;

    private volatile long ceiling;

    private volatile long validUntilNanos;

    private volatile boolean ended;

    /** The renewal counter stored with the lease; only the lease thread touches it. */
    private long renewal;

    Tenure(int shard, long id, long epoch, long validUntilNanos, LongSupplier nanoClock) {
        this.shard = shard;
        this.id = id;
        this.nanoClock = nanoClock;
        this.epoch = epoch;
        this.ceiling = epoch + EPOCH_SPAN;
        this.nextTimestamp = new AtomicLong(epoch);
        this.validUntilNanos = validUntilNanos;
    }

    public int shard() {
        return shard;
    }

    /**
     * @return a number that differs for every tenure this instance ever holds, so state
     * loaded in one tenure is not trusted in a later one
     */
    public long id() {
        return id;
    }

    /**
     * @return whether the lease still holds by this instance's monotonic clock; checked
     * after a write and before its ack
     */
    public boolean valid() {
        return !ended && nanoClock.getAsLong() - validUntilNanos < 0;
    }

    /**
     * @return a write timestamp for the next fenced write, higher than every earlier one
     * of this tenure
     * @throws LostTenureException if the tenure ended or used up its epoch's timestamps
     */
    public long nextWriteTimestamp() {
        if (!valid()) {
            throw new LostTenureException(shard);
        }
        long timestamp = nextTimestamp.getAndIncrement();
        if (timestamp >= ceiling) {
            // Renewals move to a new epoch long before this; reaching it means they
            // failed.
            throw new LostTenureException(shard);
        }
        return timestamp;
    }

    long epoch() {
        return epoch;
    }

    /**
     * Whether the tenure has used so much of its epoch that the next renewal moves on.
     */
    boolean epochHalfUsed() {
        return nextTimestamp.get() - epoch >= EPOCH_SPAN / 2;
    }

    long nextRenewal() {
        return renewal + 1;
    }

    void renewed() {
        renewal++;
    }

    void renewedTo(long stored) {
        renewal = stored;
    }

    void extend(long validUntilNanos) {
        this.validUntilNanos = validUntilNanos;
    }

    /** The lease now carries a new epoch; later timestamps come from it. */
    void moveTo(long newEpoch) {
        this.ceiling = newEpoch + EPOCH_SPAN;
        this.nextTimestamp.accumulateAndGet(newEpoch, Math::max);
        this.epoch = newEpoch;
    }

    void end() {
        this.ended = true;
    }

    /** The next epoch of a shard whose current epoch is {@code previous}. */
    static long nextEpoch(long previous, long nowMicros) {
        return Math.max(nowMicros, previous + EPOCH_SPAN);
    }

}
