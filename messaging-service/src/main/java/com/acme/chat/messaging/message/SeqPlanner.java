package com.acme.chat.messaging.message;

import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The pure rules of the {@code messages} buckets: which bucket a seq lives in, and how
 * the highest stored seq is found from one that is known to exist.
 */
final class SeqPlanner {

    /** Messages per {@code messages} partition: bucket = seq / BUCKET_SIZE. */
    static final long BUCKET_SIZE = 10_000;

    private SeqPlanner() {
    }

    static long bucketOf(long seq) {
        return seq / BUCKET_SIZE;
    }

    /**
     * @return whether {@code seq} is the first of a bucket after bucket 0, where the
     * stored seq hint must move: a hint anywhere in an older bucket still works
     * ({@link #walkToTop} walks over full buckets) but costs a read each
     */
    static boolean opensBucket(long seq) {
        return seq >= BUCKET_SIZE && seq % BUCKET_SIZE == 0;
    }

    /**
     * @return whether {@code topSeq} is the last seq the bucket can hold, so later seqs
     * live in the next bucket
     */
    static boolean isFull(long bucket, long topSeq) {
        return topSeq >= (bucket + 1) * BUCKET_SIZE - 1;
    }

    /**
     * The highest existing seq, starting from one that is known to exist (or 0): reads
     * the top of that seq's bucket and walks forward while buckets are full.
     * @param knownSeq an existing seq, or 0; may lag behind the truth
     * @param topOfBucket reads the highest seq in a bucket, empty if the bucket has no
     * rows
     * @return the highest existing seq (0 for an empty conversation)
     */
    static long walkToTop(long knownSeq, LongFunction<OptionalLong> topOfBucket) {
        long max = knownSeq;
        long bucket = bucketOf(knownSeq);
        while (true) {
            OptionalLong top = topOfBucket.apply(bucket);
            if (top.isEmpty()) {
                return max;
            }
            max = Math.max(max, top.getAsLong());
            if (!isFull(bucket, top.getAsLong())) {
                return max;
            }
            bucket++;
        }
    }

}
