package com.acme.chat.wsmanager.downstream;

import java.time.Instant;
import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.protocol.MessageFrame;

/**
 * The queue key of a message this handler pushed to a connection: what relay needs to
 * delete the device's queue row without reading it first.
 *
 * @param messageId the message
 * @param conversationId its conversation
 * @param seq its seq
 * @param sentAt when it was sent (the queue row's write timestamp)
 */
public record PushedMessage(MessageId messageId, ConversationId conversationId, long seq, Instant sentAt) {

    public PushedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /**
     * @return the key of a pushed {@code message} frame
     */
    public static PushedMessage of(MessageFrame frame) {
        return new PushedMessage(frame.messageId(), frame.conversationId(), frame.seq(), frame.sentAt());
    }

}
