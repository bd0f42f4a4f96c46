package com.acme.chat.messaging.message;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.messaging.config.MessagingProperties;

/**
 * The messages of one conversation by seq, for paging and gap repair, and the
 * conversation's newest seq. Callers check membership first.
 */
@Component
public class ConversationHistory {

    private final MessageRepository messages;

    private final SeqCounters sequences;

    private final MessagingProperties properties;

    ConversationHistory(MessageRepository messages, SeqCounters sequences, MessagingProperties properties) {
        this.messages = messages;
        this.sequences = sequences;
        this.properties = properties;
    }

    /**
     * A page of a conversation: with {@code afterSeq}, oldest first from
     * {@code afterSeq + 1} (also bounded by {@code beforeSeq} when both are given); with
     * only {@code beforeSeq}, newest first below it; with neither, the newest messages,
     * newest first.
     * @param limit requested page size, {@code null} for the default
     * @throws com.acme.chat.kit.web.ChatException {@code validation_failed} for
     * out-of-range parameters
     */
    public List<MessageView> page(ConversationId conversation, @Nullable Long afterSeq, @Nullable Long beforeSeq,
            @Nullable Integer limit) {
        return page(conversation, afterSeq, beforeSeq, limit, 1, Long.MAX_VALUE);
    }

    /**
     * The same, within the seqs a reader may see: {@code firstSeq} to {@code lastSeq},
     * both included (a group member's membership).
     */
    public List<MessageView> page(ConversationId conversation, @Nullable Long afterSeq, @Nullable Long beforeSeq,
            @Nullable Integer limit, long firstSeq, long lastSeq) {
        int size = PageLimits.limit(limit, properties.historyPageSize(), properties.maxHistoryPageSize());
        PageLimits.atLeast("afterSeq", afterSeq, 0);
        PageLimits.atLeast("beforeSeq", beforeSeq, 1);
        long upperBound = (lastSeq == Long.MAX_VALUE) ? Long.MAX_VALUE : lastSeq + 1;
        long upper = Math.min((beforeSeq != null) ? beforeSeq : Long.MAX_VALUE, upperBound);
        List<StoredMessage> page;
        if (afterSeq != null) {
            page = messages.ascending(conversation, Math.max(afterSeq, firstSeq - 1), upper, size);
        }
        else {
            // Bounded by the newest seq, so a far-future beforeSeq does not walk empty
            // buckets.
            long newest = sequences.storedMax(conversation);
            page = messages.descending(conversation, Math.min(upper, newest + 1), size);
        }
        return page.stream().filter(message -> message.seq() >= firstSeq).map(StoredMessage::toView).toList();
    }

    /**
     * @return the conversation's highest seq, 0 if it has no messages
     */
    public long lastSeq(ConversationId conversation) {
        return sequences.storedMax(conversation);
    }

}
