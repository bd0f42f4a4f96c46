package com.acme.chat.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.SystemEvent;
import org.jspecify.annotations.Nullable;

/**
 * A message was stored and got its sequence number; published once per message on
 * {@link Topics#MESSAGES}, keyed by conversation, after the message is durable. A retried
 * {@code send_message} (same {@code clientMsgId}) publishes it again with the same event
 * id, which heals a publish that failed the first time; consumers therefore deduplicate
 * on {@link #messageId()} (or the event id).
 *
 * @param eventId event id
 * @param occurredAt when the message was stored
 * @param version schema version, {@value #VERSION}
 * @param messageId server id of the message
 * @param conversationId its conversation
 * @param seq its sequence number in the conversation (strictly increasing, gap-free)
 * @param sender who sent it
 * @param senderDevice the device it was sent from
 * @param group the group, for a group message
 * @param recipients every member of the conversation at send time, the sender included
 * @param text the text, possibly empty when media are attached
 * @param media attachments; empty when absent
 * @param sentAt the server time the message was accepted (as acknowledged to the sender)
 * @param clientMsgId the sender's idempotency key
 * @param system for a group's system message, the change it records (the sender made it);
 * absent for a message a member sent
 */
public record MessageSent(UUID eventId, Instant occurredAt, int version, MessageId messageId,
        ConversationId conversationId, long seq, UserId sender, DeviceId senderDevice, @Nullable GroupId group,
        List<UserId> recipients, String text, List<MediaRef> media, Instant sentAt, ClientMessageId clientMsgId,
        @Nullable SystemEvent system) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "message_sent";

    /** The current schema version. */
    public static final int VERSION = 1;

    /**
     * A message a member sent (no {@code system}).
     */
    public MessageSent(UUID eventId, Instant occurredAt, int version, MessageId messageId,
            ConversationId conversationId, long seq, UserId sender, DeviceId senderDevice, @Nullable GroupId group,
            List<UserId> recipients, String text, List<MediaRef> media, Instant sentAt, ClientMessageId clientMsgId) {
        this(eventId, occurredAt, version, messageId, conversationId, seq, sender, senderDevice, group, recipients,
                text, media, sentAt, clientMsgId, null);
    }

    public MessageSent {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderDevice, "senderDevice");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        EventChecks.groupMatches(conversationId, group);
        recipients = (recipients != null) ? List.copyOf(recipients) : List.of();
        media = (media != null) ? List.copyOf(media) : List.of();
    }

    @Override
    public String topic() {
        return Topics.MESSAGES;
    }

    @Override
    public String partitionKey() {
        return conversationId.value();
    }

}
