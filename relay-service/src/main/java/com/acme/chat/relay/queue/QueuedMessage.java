package com.acme.chat.relay.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.MessageFrame;

/**
 * One message as it waits in a device's queue: everything the {@code message} frame
 * needs, so a replay needs no lookup elsewhere.
 *
 * @param conversationId its conversation (clustering key, with {@code seq})
 * @param seq its sequence number in the conversation
 * @param messageId server id of the message
 * @param sender who sent it
 * @param senderDevice the device it was sent from, if known
 * @param group the group, for a group message
 * @param text the text
 * @param media attachments
 * @param sentAt when the message was accepted
 */
public record QueuedMessage(ConversationId conversationId, long seq, MessageId messageId, UserId sender,
        @Nullable DeviceId senderDevice, @Nullable GroupId group, String text, List<MediaRef> media, Instant sentAt) {

    public QueuedMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        media = (media != null) ? List.copyOf(media) : List.of();
    }

    /**
     * @return the queued form of a requested delivery
     */
    public static QueuedMessage of(DeliveryRequested delivery) {
        return new QueuedMessage(delivery.conversationId(), delivery.seq(), delivery.messageId(), delivery.sender(),
                delivery.senderDevice(), delivery.group(), delivery.text(), delivery.media(), delivery.sentAt());
    }

    /**
     * @return the frame that hands this message to a device
     */
    public MessageFrame toFrame() {
        return new MessageFrame(messageId, conversationId, seq, sender, senderDevice, group, text, media, sentAt);
    }

}
