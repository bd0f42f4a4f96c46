package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;

/**
 * This device's queue was full, so messages of a conversation up to {@link #upToSeq()}
 * were kept in the history but not all queued for the device: fetch the conversation's
 * messages after the last seq the device has, up to at least {@code upToSeq} ({@code GET
 * /api/v1/conversations/{id}/messages?afterSeq=...}), then acknowledge
 * {@link #messageId()} with {@code ack_delivery} like a message. Queued and delivered
 * like a message (it waits in the device's queue until acknowledged); a later overflow of
 * the same conversation raises {@code upToSeq} and names a later {@code messageId}, and
 * only an acknowledgement of the latest one removes it.
 *
 * @param conversationId the conversation to fetch
 * @param upToSeq the highest seq that was not queued for this device
 * @param messageId what to acknowledge: the message with seq {@code upToSeq}
 */
public record ResyncFrame(ConversationId conversationId, long upToSeq, MessageId messageId) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "resync";

    public ResyncFrame {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
    }

}
