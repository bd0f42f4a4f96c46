package com.acme.chat.relay.queue;

import java.util.Objects;

import com.acme.chat.common.id.ConversationId;

/**
 * A place in a device's queue, which is ordered by (conversation, seq): where a page of a
 * replay ended and the next one starts (exclusive).
 *
 * @param conversationId the conversation of the last message handed over
 * @param seq its seq
 */
public record QueuePosition(ConversationId conversationId, long seq) {

    public QueuePosition {
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /**
     * @return the position of a queued message
     */
    public static QueuePosition of(QueuedMessage message) {
        return new QueuePosition(message.conversationId(), message.seq());
    }

}
