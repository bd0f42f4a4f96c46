package com.acme.chat.messaging.message;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.protocol.SystemEvent;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;

/**
 * A message as stored in {@code messages}: it has its seq.
 *
 * @param messageId server id
 * @param conversationId its conversation
 * @param seq its place in the conversation
 * @param sender who sent it
 * @param senderDevice the device it was sent from
 * @param clientMsgId the sender's idempotency key
 * @param text the text
 * @param media attachments
 * @param sentAt when it was accepted (millisecond precision, as stored)
 * @param system the group change a system message records; null for a message a member
 * sent
 */
record StoredMessage(MessageId messageId, ConversationId conversationId, long seq, UserId sender, DeviceId senderDevice,
        ClientMessageId clientMsgId, String text, List<MediaRef> media, Instant sentAt, @Nullable SystemEvent system) {

    StoredMessage(MessageId messageId, ConversationId conversationId, long seq, UserId sender, DeviceId senderDevice,
            ClientMessageId clientMsgId, String text, List<MediaRef> media, Instant sentAt) {
        this(messageId, conversationId, seq, sender, senderDevice, clientMsgId, text, media, sentAt, null);
    }

    /**
     * @return the group of a group message, null for a direct one
     */
    @Nullable GroupId group() {
        return conversationId.groupId().orElse(null);
    }

    MessageView toView() {
        return new MessageView(messageId.value(), conversationId.value(), seq, sender.value(), senderDevice.value(),
                text, media, sentAt, system);
    }
}
