package com.acme.chat.messaging.message;

import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The pure rules of seq allocation. A message's seq is claimed by inserting its row at
 * {@code max + 1} with {@code IF NOT EXISTS}, where {@code max} is a seq that is known to
 * exist (or 0). Because a candidate is never more than one above an existing seq, seqs
 * are dense; because the insert is a compare-and-set, a seq is never reused.
 */
final class SeqPlanner {

    /** Messages per {@code messages} partition: bucket = seq / BUCKET_SIZE. */
    static final long BUCKET_SIZE = 10_000;

    /** Unknown outcomes (timeouts) in a row after which a send gives up. */
    static final int MAX_UNKNOWN_OUTCOMES = 3;

    private final int maxAttempts;

    SeqPlanner(int maxAttempts) {
        this.maxAttempts = maxAttempts;
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

    /**
     * @return the first candidate after the highest known seq
     */
    long first(long knownMax) {
        return knownMax + 1;
    }

    /**
     * Someone else's message holds {@code triedSeq}.
     * @param attempt how many inserts this send has made so far (1 after the first)
     * @param triedSeq the seq that was taken
     * @param observedMax the highest seq read after the conflict
     * @return the next candidate, or empty to give up
     */
    OptionalLong afterConflict(int attempt, long triedSeq, long observedMax) {
        if (attempt >= maxAttempts) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(triedSeq, observedMax) + 1);
    }

    /**
     * The insert timed out: it may or may not have been applied. Retrying the same seq
     * settles it (our own row is recognised by its message id), and moving on could leave
     * the message at two seqs.
     * @param attempt how many inserts this send has made so far
     * @param unknownOutcomes how many of them ended without a known outcome, this one
     * included
     * @param triedSeq the seq whose insert timed out
     * @return the same seq, or empty to give up
     */
    OptionalLong afterUnknownOutcome(int attempt, int unknownOutcomes, long triedSeq) {
        if (attempt >= maxAttempts || unknownOutcomes >= MAX_UNKNOWN_OUTCOMES) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(triedSeq);
    }

}
