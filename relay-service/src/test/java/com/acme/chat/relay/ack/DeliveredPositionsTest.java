package com.acme.chat.relay.ack;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DeliveredPositionsTest {

    private static final ConversationId DIRECT = ConversationId.of("d:alice:bob");

    private static final ConversationId GROUP = ConversationId.of("g:g-1");

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    @Test
    void keepsOnlyTheHighestSeqPerConversationAndUser() {
        DeliveredPositions positions = new DeliveredPositions();
        positions.reached(DIRECT, BOB, 4);
        positions.reached(GROUP, BOB, 9);
        positions.reached(DIRECT, BOB, 7);
        positions.reached(DIRECT, ALICE, 3);
        positions.reached(DIRECT, BOB, 5);

        assertThat(positions.receipts())
            .extracting(ReceiptRecorded::conversationId, ReceiptRecorded::user, ReceiptRecorded::upToSeq,
                    ReceiptRecorded::kind)
            .containsExactly(tuple(DIRECT, BOB, 7L, ReceiptKind.DELIVERED),
                    tuple(GROUP, BOB, 9L, ReceiptKind.DELIVERED), tuple(DIRECT, ALICE, 3L, ReceiptKind.DELIVERED));
    }

    @Test
    void aMergedReceiptHasTheEventIdOfTheSameAckAlone() {
        DeliveredPositions positions = new DeliveredPositions();
        positions.reached(DIRECT, BOB, 2);
        positions.reached(DIRECT, BOB, 7);

        assertThat(positions.receipts().get(0).eventId())
            .isEqualTo(DeliveredReceiptPublisher.delivered(DIRECT, BOB, 7).eventId());
    }

    @Test
    void reachesNothingWithoutAcks() {
        assertThat(new DeliveredPositions().receipts()).isEmpty();
    }

}
