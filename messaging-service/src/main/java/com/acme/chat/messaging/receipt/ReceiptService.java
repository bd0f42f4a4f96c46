package com.acme.chat.messaging.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.conversation.ConversationAccess;
import com.acme.chat.messaging.message.ConversationHistory;

/**
 * Read and delivered watermarks. {@code mark_read} moves the reader's read watermark
 * forward and publishes {@link ReceiptRecorded} (READ); DELIVERED receipts come from
 * relay over Kafka and only move the delivered watermark. A repeated receipt at the
 * stored position publishes again (harmless, cumulative), so a retry after a failed
 * publication heals; a lower one changes nothing and publishes nothing.
 */
@Service
class ReceiptService {

    private static final Logger log = LoggerFactory.getLogger(ReceiptService.class);

    private final ReceiptRepository receipts;

    private final ConversationAccess access;

    private final ConversationHistory history;

    private final ChatEventPublisher publisher;

    private final Clock clock;

    private final MeterRegistry meters;

    ReceiptService(ReceiptRepository receipts, ConversationAccess access, ConversationHistory history,
            ChatEventPublisher publisher, Clock clock, MeterRegistry meters) {
        this.receipts = receipts;
        this.access = access;
        this.history = history;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
    }

    void markRead(UserId reader, String rawConversationId, long seq) {
        ConversationId conversation = access.requireMember(rawConversationId, reader);
        if (seq == 0) {
            // Every watermark starts at 0: nothing to record, nothing to tell.
            return;
        }
        if (seq > history.lastSeq(conversation)) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED,
                    "seq: the conversation has no message " + seq + " yet");
        }
        Instant now = clock.instant();
        receipts.advance(conversation, reader, ReceiptKind.READ, seq, now);
        // A later mark may have overtaken this one; only the watermark that is now stored
        // is announced.
        if (receipts.current(conversation, reader, ReceiptKind.READ) == seq) {
            count(ReceiptKind.READ);
            publisher.publishAndWait(List.of(event(conversation, reader, ReceiptKind.READ, seq, now)));
        }
    }

    /** Applies a DELIVERED receipt reported by relay; idempotent. */
    void recordDelivered(ReceiptRecorded receipt) {
        ConversationId conversation = receipt.conversationId();
        if (conversation.isGroup() || !access.members(conversation).contains(receipt.user())) {
            log.warn("Ignoring a delivered receipt of {} for {}: not a member", receipt.user(), conversation);
            return;
        }
        receipts.advance(conversation, receipt.user(), ReceiptKind.DELIVERED, receipt.upToSeq(), clock.instant());
        count(ReceiptKind.DELIVERED);
    }

    ConversationReceiptsView list(UserId user, String rawConversationId) {
        ConversationId conversation = access.requireMember(rawConversationId, user);
        List<ReceiptView> views = receipts.list(conversation)
            .stream()
            .sorted(Comparator.comparing(ReceiptRepository.Watermarks::user))
            // Read implies delivered: a member who read up to n has received up to n.
            .map(w -> new ReceiptView(w.user(), Math.max(w.deliveredSeq(), w.readSeq()), w.readSeq(), w.updatedAt()))
            .toList();
        return new ConversationReceiptsView(conversation.value(), views);
    }

    private void count(ReceiptKind kind) {
        meters.counter("chat.messaging.receipts.recorded", "kind", kind.name().toLowerCase()).increment();
    }

    private static ReceiptRecorded event(ConversationId conversation, UserId user, ReceiptKind kind, long seq,
            Instant now) {
        UUID id = UUID.nameUUIDFromBytes(
                ("receipt:" + conversation + ":" + user + ":" + kind + ":" + seq).getBytes(StandardCharsets.UTF_8));
        return new ReceiptRecorded(id, now, ReceiptRecorded.VERSION, conversation, user, kind, seq);
    }

}
