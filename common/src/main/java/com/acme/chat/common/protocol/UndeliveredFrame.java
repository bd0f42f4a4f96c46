package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/**
 * To the sender: a message was stored but one of {@link #user()}'s devices will not get
 * it pushed, because that device has {@code chat.relay.max-queue-per-device} messages
 * waiting (it has been offline, or not acknowledging, for long). The message is not lost:
 * the device is told to fetch the conversation from history ({@link ResyncFrame}) when it
 * reads its queue again. Sent once per conversation and device each time its queue
 * overflows, not for every further message; best-effort, like a receipt.
 *
 * @param conversationId the conversation of the message
 * @param user the recipient whose device's queue is full
 * @param messageId the message
 * @param seq its seq
 * @param reason why: {@value #QUEUE_FULL}
 */
public record UndeliveredFrame(ConversationId conversationId, UserId user, MessageId messageId, long seq,
        String reason) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "undelivered";

    /** The recipient device's queue holds as many messages as it may. */
    public static final String QUEUE_FULL = "queue_full";

    public UndeliveredFrame {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reason, "reason");
    }

}
