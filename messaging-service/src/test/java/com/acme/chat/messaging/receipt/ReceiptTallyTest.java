package com.acme.chat.messaging.receipt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.SystemEvent;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;
import com.acme.chat.messaging.message.MessageView;
import com.acme.chat.messaging.receipt.ReceiptRepository.Watermarks;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTallyTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static final UserId CAROL = UserId.of("carol");

    private static final UserId DAVE = UserId.of("dave");

    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");

    private static final Instant T2 = Instant.parse("2026-12-01T10:05:00Z");

    /** alice and bob from seq 1, carol joined at 4, dave left at 3. */
    private static final Map<UserId, Membership> MEMBERS = members();

    @Test
    void countsOnlyMembersAtTheSeqAndNeverTheSender() {
        assertThat(ReceiptTally.groupRecipients(MEMBERS, 2, ALICE)).containsExactly(BOB, DAVE);
        assertThat(ReceiptTally.groupRecipients(MEMBERS, 3, ALICE)).containsExactly(BOB, DAVE);
        assertThat(ReceiptTally.groupRecipients(MEMBERS, 5, ALICE)).containsExactly(BOB, CAROL);
        assertThat(ReceiptTally.groupRecipients(MEMBERS, 5, CAROL)).containsExactly(ALICE, BOB);
    }

    @Test
    void countsDeliveredAndReadPerMessageOfEachSender() {
        ReceiptTally tally = new ReceiptTally(List.of(mark(BOB, 6, 5), mark(CAROL, 5, 0), mark(ALICE, 6, 6)), Set.of());

        Map<UserId, List<MessageReceiptCounts>> counts = tally.countBySender(
                List.of(message(4, ALICE, true), message(5, ALICE, false), message(6, CAROL, false)), MEMBERS);

        // The system message (carol's join) is not counted.
        assertThat(counts.get(ALICE)).containsExactly(new MessageReceiptCounts(5, MessageId.of("m-5"), 2, 2, 1));
        assertThat(counts.get(CAROL)).containsExactly(new MessageReceiptCounts(6, MessageId.of("m-6"), 2, 2, 1));
        assertThat(counts).containsOnlyKeys(ALICE, CAROL);
    }

    @Test
    void readingImpliesDeliveryWhenTheReadIsShown() {
        ReceiptTally tally = new ReceiptTally(List.of(mark(BOB, 0, 5)), Set.of());

        MemberReceiptView bob = tally.member(BOB, 5, ALICE);

        assertThat(bob.delivered()).isTrue();
        assertThat(bob.read()).isTrue();
        assertThat(bob.deliveredAt()).isEqualTo(T2);
    }

    @Test
    void aMemberWithReadReceiptsOffCountsAsDeliveredOnlyAndSeesNoReadsHimself() {
        ReceiptTally tally = new ReceiptTally(List.of(mark(BOB, 5, 5), mark(CAROL, 5, 5), mark(ALICE, 5, 5)),
                Set.of(BOB));

        // Alice (on) sees carol's read, not bob's.
        assertThat(tally.count(5, MessageId.of("m-5"), List.of(BOB, CAROL), ALICE))
            .isEqualTo(new MessageReceiptCounts(5, MessageId.of("m-5"), 2, 2, 1));
        // Bob (off) sees nobody's read, except his own.
        assertThat(tally.count(5, MessageId.of("m-5"), List.of(ALICE, CAROL), BOB))
            .isEqualTo(new MessageReceiptCounts(5, MessageId.of("m-5"), 2, 2, 0));
        assertThat(tally.member(BOB, 5, BOB).read()).isTrue();
        // A hidden read still counts as delivered, never as read.
        ReceiptTally readOnly = new ReceiptTally(List.of(mark(BOB, 2, 5)), Set.of(BOB));
        assertThat(readOnly.view(mark(BOB, 2, 5), ALICE)).isEqualTo(new ReceiptView("bob", 5, 0, T2));
        assertThat(readOnly.view(mark(BOB, 2, 5), BOB)).isEqualTo(new ReceiptView("bob", 5, 5, T2));
        MemberReceiptView seen = readOnly.member(BOB, 4, ALICE);
        assertThat(seen.delivered()).isTrue();
        assertThat(seen.read()).isFalse();
        assertThat(seen.readAt()).isNull();
        assertThat(readOnly.member(BOB, 6, ALICE).delivered()).isFalse();
    }

    @Test
    void countsAgainOnlyTheSeqsWhoseWatermarksMoved() {
        Map<UserId, Watermarks> before = Map.of(BOB, mark(BOB, 10, 4), CAROL, mark(CAROL, 12, 12));
        List<Watermarks> now = List.of(mark(BOB, 15, 4), mark(CAROL, 12, 13));

        assertThat(ReceiptTally.moved(before, now, 15, 100)).contains(new ReceiptTally.SeqRange(11, 15));
        // Bounded to the newest seqs.
        assertThat(ReceiptTally.moved(before, now, 15, 3)).contains(new ReceiptTally.SeqRange(13, 15));
        // Nothing moved: nothing to count or publish.
        assertThat(ReceiptTally.moved(Map.of(BOB, mark(BOB, 15, 4)), List.of(mark(BOB, 15, 4)), 15, 100)).isEmpty();
        // Never counted here: the newest window below the touched seq.
        assertThat(ReceiptTally.moved(null, now, 250, 100)).contains(new ReceiptTally.SeqRange(151, 250));
        assertThat(ReceiptTally.moved(null, now, 7, 100)).contains(new ReceiptTally.SeqRange(1, 7));
    }

    private static Map<UserId, Membership> members() {
        Map<UserId, Membership> members = new LinkedHashMap<>();
        members.put(ALICE, new Membership(1, null, "admin"));
        members.put(BOB, new Membership(1, null, "member"));
        members.put(CAROL, new Membership(4, null, "member"));
        members.put(DAVE, new Membership(1, 3L, "member"));
        return members;
    }

    private static Watermarks mark(UserId user, long delivered, long read) {
        return new Watermarks(user, delivered, read, (delivered > 0) ? T1 : null, (read > 0) ? T2 : null);
    }

    private static MessageView message(long seq, UserId sender, boolean system) {
        SystemEvent change = system ? new SystemEvent(SystemEvent.MEMBER_ADDED, 2, CAROL, List.of(), null, null) : null;
        return new MessageView("m-" + seq, "g:grp-1", seq, sender.value(), null, "text", List.of(), T1, change);
    }

}
