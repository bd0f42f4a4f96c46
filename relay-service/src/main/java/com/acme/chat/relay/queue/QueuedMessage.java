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
import com.acme.chat.common.protocol.SystemEvent;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.ServerFrame;

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
 * @param upToSeq {@code seq} for a message; for a resync marker (whose {@code seq} is
 * {@link UnsentQueueRepository#RESYNC_SEQ}, the last place of its conversation), the
 * highest seq of the conversation that was not queued because the queue was full, and
 * {@code messageId}, {@code sender} and {@code sentAt} are that message's
 * @param system for a group's system message, the change it records; null otherwise
 */
public record QueuedMessage(ConversationId conversationId, long seq, MessageId messageId, UserId sender,
        @Nullable DeviceId senderDevice, @Nullable GroupId group, String text, List<MediaRef> media, Instant sentAt,
        long upToSeq, @Nullable SystemEvent system) {

    public QueuedMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        media = (media != null) ? List.copyOf(media) : List.of();
    }

    /**
     * A queued message.
     */
    public QueuedMessage(ConversationId conversationId, long seq, MessageId messageId, UserId sender,
            @Nullable DeviceId senderDevice, @Nullable GroupId group, String text, List<MediaRef> media,
            Instant sentAt) {
        this(conversationId, seq, messageId, sender, senderDevice, group, text, media, sentAt, seq, null);
    }

    public QueuedMessage(ConversationId conversationId, long seq, MessageId messageId, UserId sender,
            @Nullable DeviceId senderDevice, @Nullable GroupId group, String text, List<MediaRef> media, Instant sentAt,
            long upToSeq) {
        this(conversationId, seq, messageId, sender, senderDevice, group, text, media, sentAt, upToSeq, null);
    }

    /**
     * @return the marker that stands in a full queue for this message and the earlier
     * ones of its conversation that were not queued
     */
    public QueuedMessage toResyncMarker() {
        return new QueuedMessage(conversationId, UnsentQueueRepository.RESYNC_SEQ, messageId, sender, null, null, "",
                List.of(), sentAt, seq);
    }

    /**
     * @return whether this is a resync marker rather than a message
     */
    public boolean isResync() {
        return seq == UnsentQueueRepository.RESYNC_SEQ;
    }

    /**
     * @return the key that deletes this row
     */
    public QueuedRef ref() {
        return new QueuedRef(messageId, seq, sentAt, upToSeq);
    }

    /**
     * @return the queued form of a requested delivery
     */
    public static QueuedMessage of(DeliveryRequested delivery) {
        return new QueuedMessage(delivery.conversationId(), delivery.seq(), delivery.messageId(), delivery.sender(),
                delivery.senderDevice(), delivery.group(), delivery.text(), delivery.media(), delivery.sentAt(),
                delivery.seq(), delivery.system());
    }

    /**
     * @return the frame that hands this message to a device
     * @throws IllegalStateException for a resync marker
     */
    public MessageFrame toFrame() {
        if (isResync()) {
            throw new IllegalStateException("A resync marker is not a message");
        }
        return new MessageFrame(messageId, conversationId, seq, sender, senderDevice, group, text, media, sentAt,
                system);
    }

    /**
     * @return the frame that tells a device to fetch what its full queue did not keep
     * @throws IllegalStateException for a message
     */
    public ResyncFrame toResyncFrame() {
        if (!isResync()) {
            throw new IllegalStateException("A message is not a resync marker");
        }
        return new ResyncFrame(conversationId, upToSeq, messageId);
    }

    /**
     * @return the frame a device gets for this row: {@code message} or {@code resync}
     */
    public ServerFrame toServerFrame() {
        return isResync() ? toResyncFrame() : toFrame();
    }

}
