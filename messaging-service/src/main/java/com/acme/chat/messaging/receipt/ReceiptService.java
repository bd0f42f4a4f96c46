package com.acme.chat.messaging.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.conversation.ConversationAccess;
import com.acme.chat.messaging.message.ConversationHistory;
import com.acme.chat.messaging.message.MessageView;
import com.acme.chat.messaging.receipt.ReceiptRepository.Watermarks;
import com.acme.chat.messaging.user.UserSettings;

/**
 * Read and delivered watermarks. {@code mark_read} moves the reader's read watermark
 * forward and publishes {@link ReceiptRecorded} (READ); DELIVERED receipts come from
 * relay over Kafka and only move the delivered watermark. A repeated receipt at the
 * stored position publishes again (harmless, cumulative), so a retry after a failed
 * publication heals; a lower one changes nothing and publishes nothing.
 * <p>
 * Groups (docs/adr/0029): only a member's receipts within the seqs he may read are
 * stored; a receipt of anyone else is dropped and counted
 * ({@code chat.messaging.receipts.ignored}), never retried. A group's receipts are not
 * pushed one by one: {@link GroupReceiptCounter} counts them for the senders. A user who
 * turned read receipts off ({@link UserSettings}) still has his read watermark stored
 * (his devices sync it) but it is not published, and it is hidden from others, as theirs
 * are from him, in every listing and count.
 */
@Service
class ReceiptService {

    private static final Logger log = LoggerFactory.getLogger(ReceiptService.class);

    private final ReceiptRepository receipts;

    private final ConversationAccess access;

    private final ConversationHistory history;

    private final UserSettings settings;

    private final GroupReceiptCounter counter;

    private final ChatEventPublisher publisher;

    private final Clock clock;

    private final MeterRegistry meters;

    ReceiptService(ReceiptRepository receipts, ConversationAccess access, ConversationHistory history,
            UserSettings settings, GroupReceiptCounter counter, ChatEventPublisher publisher, Clock clock,
            MeterRegistry meters) {
        this.receipts = receipts;
        this.access = access;
        this.history = history;
        this.settings = settings;
        this.counter = counter;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
    }

    void markRead(UserId reader, String rawConversationId, long seq) {
        ConversationAccess.Reader member = access.requireReader(rawConversationId, reader);
        ConversationId conversation = member.conversation();
        if (seq == 0) {
            // Every watermark starts at 0: nothing to record, nothing to tell.
            return;
        }
        if (seq > history.lastSeq(conversation)) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED,
                    "seq: the conversation has no message " + seq + " yet");
        }
        // A former member read up to his removal at most: later messages are not his.
        long upTo = Math.min(seq, member.lastSeq());
        Instant now = clock.instant();
        receipts.advance(conversation, reader, ReceiptKind.READ, upTo, now);
        count(ReceiptKind.READ);
        if (!settings.readReceipts(reader)) {
            // Stored for his own devices; told to nobody.
            return;
        }
        // A later mark may have overtaken this one; only the watermark that is now stored
        // is announced.
        if (receipts.current(conversation, reader, ReceiptKind.READ) == upTo) {
            publisher.publishAndWait(List.of(event(conversation, reader, ReceiptKind.READ, upTo, now)));
        }
    }

    /**
     * Applies a receipt consumed from {@code chat.receipts.v1}: a DELIVERED one (from
     * relay) moves the member's delivered watermark; a READ one of a group (published by
     * {@link #markRead}, already stored) only touches the group for counting. Idempotent.
     */
    void recordConsumed(ReceiptRecorded receipt) {
        ConversationId conversation = receipt.conversationId();
        if (receipt.kind() == ReceiptKind.READ) {
            conversation.groupId().ifPresent(group -> counter.touched(group, receipt.upToSeq()));
            return;
        }
        ConversationAccess.Reader member = access.reader(conversation, receipt.user()).orElse(null);
        if (member == null || receipt.upToSeq() < Math.max(1, member.firstSeq())) {
            ignored();
            log.debug("Ignoring a delivered receipt of {} for {} up to {}: not a member at that seq", receipt.user(),
                    conversation, receipt.upToSeq());
            return;
        }
        long upTo = Math.min(receipt.upToSeq(), member.lastSeq());
        receipts.advance(conversation, receipt.user(), ReceiptKind.DELIVERED, upTo, clock.instant());
        count(ReceiptKind.DELIVERED);
        conversation.groupId().ifPresent(group -> counter.touched(group, upTo));
    }

    ConversationReceiptsView list(UserId viewer, String rawConversationId) {
        ConversationId conversation = access.requireMember(rawConversationId, viewer);
        List<Watermarks> marks = receipts.list(conversation);
        Set<UserId> users = new HashSet<>();
        marks.forEach(mark -> users.add(mark.user()));
        users.add(viewer);
        ReceiptTally tally = new ReceiptTally(marks, settings.withoutReadReceipts(users));
        List<ReceiptView> views = marks.stream()
            .sorted(Comparator.comparing(mark -> mark.user().value()))
            .map(mark -> tally.view(mark, viewer))
            .toList();
        return new ConversationReceiptsView(conversation.value(), views);
    }

    /**
     * Who could receive the message at {@code seq}, and who has it and read it, as the
     * viewer may see.
     */
    MessageReceiptsView ofMessage(UserId viewer, String rawConversationId, long seq) {
        ConversationAccess.Reader member = access.requireReader(rawConversationId, viewer);
        ConversationId conversation = member.conversation();
        if (seq < 1) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "seq: must be at least 1");
        }
        if (!member.mayRead(seq)) {
            throw new ChatException(ErrorCode.NOT_A_MEMBER, "You were not a member at seq " + seq);
        }
        MessageView message = history.page(conversation, seq - 1, seq + 1, 1, seq, seq)
            .stream()
            .findFirst()
            .orElseThrow(() -> new ChatException(ErrorCode.VALIDATION_FAILED,
                    "seq: the conversation has no message " + seq + " yet"));
        UserId sender = UserId.of(message.sender());
        List<UserId> recipients = conversation.groupId()
            .map(group -> ReceiptTally.groupRecipients(access.groupMembers(group), seq, sender))
            .orElseGet(() -> access.members(conversation).stream().filter(user -> !user.equals(sender)).toList());
        Set<UserId> users = new HashSet<>(recipients);
        users.add(viewer);
        ReceiptTally tally = new ReceiptTally(receipts.list(conversation), settings.withoutReadReceipts(users));
        MessageReceiptCounts counts = tally.count(seq, MessageId.of(message.messageId()), recipients, viewer);
        List<MemberReceiptView> receiptsOfMembers = recipients.stream()
            .sorted(Comparator.comparing(UserId::value))
            .map(recipient -> tally.member(recipient, seq, viewer))
            .toList();
        return new MessageReceiptsView(conversation.value(), seq, message.messageId(), message.sender(),
                counts.members(), counts.delivered(), counts.read(), receiptsOfMembers);
    }

    private void count(ReceiptKind kind) {
        meters.counter("chat.messaging.receipts.recorded", "kind", kind.name().toLowerCase()).increment();
    }

    private void ignored() {
        meters.counter("chat.messaging.receipts.ignored", "reason", "not_a_member").increment();
    }

    private static ReceiptRecorded event(ConversationId conversation, UserId user, ReceiptKind kind, long seq,
            Instant now) {
        UUID id = UUID.nameUUIDFromBytes(
                ("receipt:" + conversation + ":" + user + ":" + kind + ":" + seq).getBytes(StandardCharsets.UTF_8));
        return new ReceiptRecorded(id, now, ReceiptRecorded.VERSION, conversation, user, kind, seq);
    }

}
