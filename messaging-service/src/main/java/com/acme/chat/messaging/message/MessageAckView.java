package com.acme.chat.messaging.message;

import java.time.Instant;

/**
 * Answer of {@code POST /api/v1/messages}:
 * {@code {"messageId","conversationId","seq","sentAt","duplicate"}}. The message is
 * durable and has its place in the conversation; {@code duplicate} is true when a retry
 * (same {@code clientMsgId}) found the original message.
 *
 * @param messageId server id
 * @param conversationId its conversation
 * @param seq its place in the conversation
 * @param sentAt when it was accepted
 * @param duplicate whether this answers a retry of an already stored message
 */
record MessageAckView(String messageId, String conversationId, long seq, Instant sentAt, boolean duplicate) {

    static MessageAckView of(StoredMessage message, boolean duplicate) {
        return new MessageAckView(message.messageId().value(), message.conversationId().value(), message.seq(),
                message.sentAt(), duplicate);
    }
}
