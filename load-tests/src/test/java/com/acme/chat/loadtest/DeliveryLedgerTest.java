package com.acme.chat.loadtest;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generators' books: what counts as lost, duplicated and late.
 */
class DeliveryLedgerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aMessageOnEveryDeviceButTheSendersIsNeitherLostNorDuplicated() {
        DeliveryLedger ledger = new DeliveryLedger(1, 0, 4);
        ledger.scheduled(0, 0, 2);
        ledger.acked(0, 5 * MS);
        ledger.delivered(0, 0, 10 * MS);
        ledger.delivered(0, 1, 20 * MS);
        ledger.delivered(0, 3, 40 * MS);

        DeliveryLedger.Summary summary = ledger.summary();

        assertThat(summary.sent()).isEqualTo(1);
        assertThat(summary.acked()).isEqualTo(1);
        assertThat(summary.expected()).isEqualTo(3);
        assertThat(summary.delivered()).isEqualTo(3);
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.toSender()).isZero();
        assertThat(ledger.missing()).isZero();
        assertThat(summary.toMember().getTotalCount()).isEqualTo(3);
        assertThat(summary.toLastMember().getTotalCount()).isEqualTo(1);
        assertThat(summary.toLastMember().getMaxValue()).isBetween(39_900L, 40_100L);
        assertThat(summary.toAck().getMaxValue()).isBetween(4_990L, 5_010L);
    }

    @Test
    void anAckedMessageMissingOnADeviceIsLostThereAndHasNoLastMemberLatency() {
        DeliveryLedger ledger = new DeliveryLedger(2, 0, 3);
        ledger.scheduled(0, 0, 0);
        ledger.scheduled(1, 0, 0);
        ledger.acked(0, MS);
        ledger.acked(1, MS);
        ledger.delivered(0, 1, 10 * MS);
        ledger.delivered(1, 1, 10 * MS);
        ledger.delivered(1, 2, 30 * MS);

        assertThat(ledger.missing()).isEqualTo(1);
        DeliveryLedger.Summary summary = ledger.summary();
        assertThat(summary.lost()).isEqualTo(1);
        assertThat(summary.lostMessages()).isEqualTo(1);
        assertThat(summary.toLastMember().getTotalCount()).isEqualTo(1);
        assertThat(summary.toLastMember().getMaxValue()).isBetween(29_900L, 30_100L);
    }

    @Test
    void aMessageTheServerRefusedIsNotAckedAndOwesNoDelivery() {
        DeliveryLedger ledger = new DeliveryLedger(1, 0, 3);
        ledger.scheduled(0, 0, 0);
        ledger.failed(0, "not_a_member");
        ledger.failed(0, "not_a_member");

        DeliveryLedger.Summary summary = ledger.summary();

        assertThat(summary.notAcked()).isEqualTo(1);
        assertThat(summary.expected()).isZero();
        assertThat(summary.lost()).isZero();
        assertThat(ledger.missing()).isZero();
        assertThat(summary.errors()).containsEntry("not_a_member", 2L);
    }

    @Test
    void theSameMessageTwiceOnOneDeviceIsOneDuplicateAndCountsOnce() {
        DeliveryLedger ledger = new DeliveryLedger(1, 0, 3);
        ledger.scheduled(0, 0, 0);
        ledger.acked(0, MS);

        assertThat(ledger.delivered(0, 1, 10 * MS)).isTrue();
        assertThat(ledger.delivered(0, 1, 11 * MS)).isFalse();
        assertThat(ledger.delivered(0, 1, 12 * MS)).isFalse();
        ledger.delivered(0, 2, 20 * MS);

        DeliveryLedger.Summary summary = ledger.summary();
        assertThat(summary.duplicates()).isEqualTo(2);
        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(summary.toMember().getTotalCount()).isEqualTo(2);
        assertThat(summary.lost()).isZero();
    }

    @Test
    void anArrivalAtTheSendingDeviceIsCountedApartAndDoesNotStandInForAMember() {
        DeliveryLedger ledger = new DeliveryLedger(1, 0, 3);
        ledger.scheduled(0, 0, 1);
        ledger.acked(0, MS);
        ledger.delivered(0, 1, 10 * MS);
        ledger.delivered(0, 0, 10 * MS);

        DeliveryLedger.Summary summary = ledger.summary();
        assertThat(summary.toSender()).isEqualTo(1);
        assertThat(summary.lost()).isEqualTo(1);
        assertThat(summary.delivered()).isEqualTo(1);
    }

    @Test
    void warmUpMessagesCountOnlyForWhatArrivesInsideTheWindow() {
        DeliveryLedger ledger = new DeliveryLedger(3, 1, 2);
        ledger.window(100 * MS, 200 * MS);
        for (int n = 0; n < 3; n++) {
            ledger.scheduled(n, n * 90 * MS, 0);
            ledger.acked(n, n * 90 * MS + MS);
        }
        ledger.delivered(0, 1, 150 * MS); // warm-up message, arrives inside the window
        ledger.delivered(1, 1, 199 * MS); // measured, inside
        // measured message 2 arrives after the window: not in the rate, still delivered
        ledger.delivered(2, 1, 200 * MS);

        DeliveryLedger.Summary summary = ledger.summary();
        assertThat(summary.sent()).isEqualTo(2);
        assertThat(summary.expected()).isEqualTo(2);
        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(summary.arrivedInWindow()).isEqualTo(2);
        assertThat(summary.toMember().getTotalCount()).isEqualTo(2);
    }

}
