package com.acme.chat.messaging.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;
import com.acme.chat.messaging.message.MessageView;
import com.acme.chat.messaging.receipt.ReceiptRepository.Watermarks;

/**
 * Who received and read which message, from the members' watermarks, as one viewer may
 * see it. Pure: the callers read the watermarks, the membership and the settings.
 * <p>
 * A member counts for a message if he could receive it: in a group, a member at its seq
 * ({@code joinedSeq <= seq <= leftSeq}), in a direct conversation the other participant;
 * never its sender. He has it <em>delivered</em> when his delivered or his read watermark
 * reached the seq (reading implies receiving; delivered receipts are never hidden). Read
 * positions are reciprocal (docs/adr/0029): a member's read position is shown only when
 * both he and the viewer share read receipts, except to himself.
 */
final class ReceiptTally {

    private final Map<UserId, Watermarks> marks = new LinkedHashMap<>();

    private final Set<UserId> withoutReadReceipts;

    /**
     * @param marks the watermarks of the conversation
     * @param withoutReadReceipts the users who turned read receipts off (at least among
     * the members and the viewer)
     */
    ReceiptTally(Collection<Watermarks> marks, Set<UserId> withoutReadReceipts) {
        marks.forEach(mark -> this.marks.put(mark.user(), mark));
        this.withoutReadReceipts = Set.copyOf(withoutReadReceipts);
    }

    /**
     * @return the members who could receive the group message at {@code seq}, in the
     * members' order
     */
    static List<UserId> groupRecipients(Map<UserId, Membership> members, long seq, UserId sender) {
        List<UserId> recipients = new ArrayList<>();
        members.forEach((user, membership) -> {
            if (!user.equals(sender) && membership.joinedSeq() <= seq && seq <= membership.lastReadableSeq()) {
                recipients.add(user);
            }
        });
        return recipients;
    }

    /**
     * @return whether {@code viewer} may see {@code member}'s read position
     */
    boolean readShown(UserId member, UserId viewer) {
        return member.equals(viewer) || !(withoutReadReceipts.contains(member) || withoutReadReceipts.contains(viewer));
    }

    /**
     * @return one member's receipt of the message at {@code seq}, as {@code viewer} sees
     * it
     */
    MemberReceiptView member(UserId member, long seq, UserId viewer) {
        Watermarks mark = marks.getOrDefault(member, Watermarks.none(member));
        boolean read = readShown(member, viewer) && mark.readSeq() >= seq;
        boolean deliveredMark = mark.deliveredSeq() >= seq;
        // Reading implies receiving, whether or not the read itself may be shown.
        boolean delivered = deliveredMark || mark.readSeq() >= seq;
        @Nullable Instant deliveredAt = deliveredMark ? mark.deliveredAt() : (delivered ? mark.readAt() : null);
        return new MemberReceiptView(member.value(), delivered, deliveredAt, read, read ? mark.readAt() : null);
    }

    /**
     * @return the counts of the message at {@code seq} among {@code recipients}, as
     * {@code viewer} sees them
     */
    MessageReceiptCounts count(long seq, MessageId messageId, List<UserId> recipients, UserId viewer) {
        int delivered = 0;
        int read = 0;
        for (UserId recipient : recipients) {
            MemberReceiptView receipt = member(recipient, seq, viewer);
            delivered += receipt.delivered() ? 1 : 0;
            read += receipt.read() ? 1 : 0;
        }
        return new MessageReceiptCounts(seq, messageId, recipients.size(), delivered, read);
    }

    /**
     * @param messages group messages, oldest first
     * @param members the group's members
     * @return per sender, the counts of his messages as he sees them, by seq; system
     * messages (membership changes) are not counted
     */
    Map<UserId, List<MessageReceiptCounts>> countBySender(List<MessageView> messages, Map<UserId, Membership> members) {
        Map<UserId, List<MessageReceiptCounts>> bySender = new LinkedHashMap<>();
        for (MessageView message : messages) {
            if (message.system() != null) {
                continue;
            }
            UserId sender = UserId.of(message.sender());
            List<UserId> recipients = groupRecipients(members, message.seq(), sender);
            bySender.computeIfAbsent(sender, key -> new ArrayList<>())
                .add(count(message.seq(), MessageId.of(message.messageId()), recipients, sender));
        }
        return bySender;
    }

    /**
     * A member's watermarks as a viewer may see them: a hidden read position is 0 (it
     * still counts as delivered, as in {@link #member}).
     */
    ReceiptView view(Watermarks mark, UserId viewer) {
        long delivered = Math.max(mark.deliveredSeq(), mark.readSeq());
        if (readShown(mark.user(), viewer)) {
            return new ReceiptView(mark.user().value(), delivered, mark.readSeq(), mark.updatedAt());
        }
        Instant deliveredAt = (mark.deliveredSeq() >= mark.readSeq()) ? mark.deliveredAt() : mark.readAt();
        return new ReceiptView(mark.user().value(), delivered, 0, deliveredAt);
    }

    /**
     * The seqs whose counts may have moved between two readings of a group's watermarks.
     *
     * @param low the first seq, at least 1
     * @param high the last seq
     */
    record SeqRange(long low, long high) {
    }

    /**
     * @param before the watermarks when last counted, null if never (on this instance)
     * @param now the watermarks now
     * @param touchedHigh the highest seq a receipt since then named
     * @param maxSeqs the most seqs to count: the newest of the range
     * @return the seqs to count again, empty when no watermark moved
     */
    static Optional<SeqRange> moved(@Nullable Map<UserId, Watermarks> before, Collection<Watermarks> now,
            long touchedHigh, int maxSeqs) {
        long low;
        long high;
        if (before == null) {
            high = touchedHigh;
            low = 1;
        }
        else {
            low = Long.MAX_VALUE;
            high = 0;
            for (Watermarks mark : now) {
                Watermarks old = before.getOrDefault(mark.user(), Watermarks.none(mark.user()));
                if (mark.deliveredSeq() > old.deliveredSeq()) {
                    low = Math.min(low, old.deliveredSeq() + 1);
                    high = Math.max(high, mark.deliveredSeq());
                }
                if (mark.readSeq() > old.readSeq()) {
                    low = Math.min(low, old.readSeq() + 1);
                    high = Math.max(high, mark.readSeq());
                }
            }
        }
        if (high < 1) {
            return Optional.empty();
        }
        return Optional.of(new SeqRange(Math.max(low, Math.max(1, high - maxSeqs + 1)), high));
    }

}
