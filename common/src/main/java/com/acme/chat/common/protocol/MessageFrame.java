package com.acme.chat.common.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A message pushed to a recipient device, including the sender's own other devices.
 * <p>
 * Delivered at least once: it stays in the device's queue and is sent again on reconnect
 * until the device confirms it with {@link AckDelivery}, so a device must drop a
 * {@link #messageId()} it already has. Ordered by {@link #seq()} within the conversation
 * (strictly increasing, gap-free), but frames may arrive out of order; a gap means more
 * frames are coming.
 *
 * @param messageId server id of the message
 * @param conversationId its conversation
 * @param seq its sequence number in the conversation
 * @param sender who sent it
 * @param senderDevice the device it was sent from, if known
 * @param group the group, for a group message
 * @param text the text, possibly empty when media are attached
 * @param media attachments; empty when absent
 * @param sentAt the server time the message was accepted
 * @param system for a group's system message, the change it records; absent for a message
 * a member sent
 */
public record MessageFrame(MessageId messageId, ConversationId conversationId, long seq, UserId sender,
        @Nullable DeviceId senderDevice, @Nullable GroupId group, String text, List<MediaRef> media, Instant sentAt,
        @Nullable SystemEvent system) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "message";

    /**
     * A message a member sent (no {@code system}).
     */
    public MessageFrame(MessageId messageId, ConversationId conversationId, long seq, UserId sender,
            @Nullable DeviceId senderDevice, @Nullable GroupId group, String text, List<MediaRef> media,
            Instant sentAt) {
        this(messageId, conversationId, seq, sender, senderDevice, group, text, media, sentAt, null);
    }

    public MessageFrame {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        media = (media != null) ? List.copyOf(media) : List.of();
        // The group duplicates what the conversation id says; a mismatch is a server bug,
        // caught where it is made.
        if ((group != null) ? !conversationId.equals(ConversationId.group(group)) : !conversationId.isDirect()) {
            throw new IllegalArgumentException("group " + group + " does not match conversation " + conversationId);
        }
        if (system != null && group == null) {
            throw new IllegalArgumentException("only a group message can be a system message");
        }
    }

}
