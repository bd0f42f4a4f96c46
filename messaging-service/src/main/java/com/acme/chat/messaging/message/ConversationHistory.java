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
        int size = PageLimits.limit(limit, properties.historyPageSize(), properties.maxHistoryPageSize());
        PageLimits.atLeast("afterSeq", afterSeq, 0);
        PageLimits.atLeast("beforeSeq", beforeSeq, 1);
        List<StoredMessage> page;
        if (afterSeq != null) {
            page = messages.ascending(conversation, afterSeq, (beforeSeq != null) ? beforeSeq : Long.MAX_VALUE, size);
        }
        else {
            // Bounded by the newest seq, so a far-future beforeSeq does not walk empty
            // buckets.
            long newest = sequences.storedMax(conversation);
            long below = (beforeSeq != null) ? Math.min(beforeSeq, newest + 1) : newest + 1;
            page = messages.descending(conversation, below, size);
        }
        return page.stream().map(StoredMessage::toView).toList();
    }

    /**
     * @return the conversation's highest seq, 0 if it has no messages
     */
    public long lastSeq(ConversationId conversation) {
        return sequences.storedMax(conversation);
    }

}
