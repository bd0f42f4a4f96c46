package com.acme.chat.messaging.message;

import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqPlannerTest {

    @Test
    void bucketsHoldTenThousandSeqs() {
        assertThat(SeqPlanner.bucketOf(0)).isZero();
        assertThat(SeqPlanner.bucketOf(9_999)).isZero();
        assertThat(SeqPlanner.bucketOf(10_000)).isEqualTo(1);
        assertThat(SeqPlanner.isFull(0, 9_999)).isTrue();
        assertThat(SeqPlanner.isFull(0, 9_998)).isFalse();
        assertThat(SeqPlanner.isFull(1, 19_999)).isTrue();
    }

    @Test
    void walkOfAnEmptyConversationIsZero() {
        assertThat(SeqPlanner.walkToTop(0, bucket -> OptionalLong.empty())).isZero();
    }

    @Test
    void walkReadsTheTopOfTheHintsBucket() {
        Map<Long, Long> tops = Map.of(0L, 57L);
        assertThat(SeqPlanner.walkToTop(12, bucket -> optional(tops.get(bucket)))).isEqualTo(57);
    }

    @Test
    void walkContinuesIntoLaterBucketsWhileTheyAreFull() {
        Map<Long, Long> tops = Map.of(0L, 9_999L, 1L, 19_999L, 2L, 20_003L);
        assertThat(SeqPlanner.walkToTop(5, bucket -> optional(tops.get(bucket)))).isEqualTo(20_003);
    }

    @Test
    void walkStopsAtAFullBucketWhenTheNextIsEmpty() {
        Map<Long, Long> tops = Map.of(0L, 9_999L);
        assertThat(SeqPlanner.walkToTop(9_999, bucket -> optional(tops.get(bucket)))).isEqualTo(9_999);
    }

    @Test
    void onlyTheFirstSeqOfALaterBucketMovesTheStoredHint() {
        assertThat(SeqPlanner.opensBucket(1)).isFalse();
        assertThat(SeqPlanner.opensBucket(SeqPlanner.BUCKET_SIZE - 1)).isFalse();
        assertThat(SeqPlanner.opensBucket(SeqPlanner.BUCKET_SIZE)).isTrue();
        assertThat(SeqPlanner.opensBucket(SeqPlanner.BUCKET_SIZE + 1)).isFalse();
        assertThat(SeqPlanner.opensBucket(3 * SeqPlanner.BUCKET_SIZE)).isTrue();
    }

    @Test
    void aHintInAnOlderBucketStillFindsTheTop() {
        // Hint at 5 (bucket 0); bucket 0 is full, bucket 1 holds up to 10_042.
        long top = SeqPlanner.walkToTop(5, bucket -> optional((bucket == 0) ? Long.valueOf(SeqPlanner.BUCKET_SIZE - 1)
                : (bucket == 1) ? Long.valueOf(10_042) : null));
        assertThat(top).isEqualTo(10_042);
    }

    private static OptionalLong optional(Long value) {
        return (value == null) ? OptionalLong.empty() : OptionalLong.of(value);
    }

}
