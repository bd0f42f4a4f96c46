package com.acme.chat.messaging.message;

import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqPlannerTest {

    private final SeqPlanner planner = new SeqPlanner(5);

    @Test
    void firstCandidateIsOneAboveTheKnownMax() {
        assertThat(planner.first(0)).isEqualTo(1);
        assertThat(planner.first(41)).isEqualTo(42);
    }

    @Test
    void conflictMovesToOneAboveTheHighestObservedSeq() {
        assertThat(planner.afterConflict(1, 42, 45)).hasValue(46);
    }

    @Test
    void conflictNeverRetriesTheTakenSeqEvenWhenTheReadLags() {
        assertThat(planner.afterConflict(1, 42, 40)).hasValue(43);
    }

    @Test
    void conflictGivesUpAfterTheMaximumAttempts() {
        assertThat(planner.afterConflict(4, 42, 42)).hasValue(43);
        assertThat(planner.afterConflict(5, 42, 42)).isEmpty();
    }

    @Test
    void unknownOutcomeRetriesTheSameSeqSoTheMessageCannotLandTwice() {
        assertThat(planner.afterUnknownOutcome(1, 1, 42)).hasValue(42);
        assertThat(planner.afterUnknownOutcome(2, 2, 42)).hasValue(42);
    }

    @Test
    void unknownOutcomeGivesUpAfterThreeTimeouts() {
        assertThat(planner.afterUnknownOutcome(3, SeqPlanner.MAX_UNKNOWN_OUTCOMES, 42)).isEmpty();
    }

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

    private static OptionalLong optional(Long value) {
        return (value == null) ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
