package com.acme.chat.common.event;

import java.nio.charset.StandardCharsets;
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
import com.acme.chat.common.protocol.MessageFrame;
import org.jspecify.annotations.Nullable;

/**
 * Deliver one message to every device of one user: one event per message and recipient,
 * the sender included (their other devices get it too; relay skips
 * {@link #senderDevice()}). Published on {@link Topics#DELIVERIES} keyed by recipient, so
 * one user's deliveries are consumed in order by a single relay instance.
 * <p>
 * Carries the whole message, so relay needs no lookup. {@link #forRecipient} derives the
 * {@link #eventId()} from message and recipient, so a re-run fan-out publishes the same
 * ids, and relay deduplicates on ({@link #recipient()}, {@link #messageId()}).
 *
 * @param eventId event id
 * @param occurredAt when the delivery was requested
 * @param version schema version, {@value #VERSION}
 * @param recipient the user to deliver to
 * @param messageId server id of the message
 * @param conversationId its conversation
 * @param seq its sequence number in the conversation
 * @param sender who sent it
 * @param senderDevice the device it was sent from
 * @param group the group, for a group message
 * @param text the text, possibly empty when media are attached
 * @param media attachments; empty when absent
 * @param sentAt the server time the message was accepted
 * @param clientMsgId the sender's idempotency key
 * @param system for a group's system message, the change it records; absent otherwise
 */
public record DeliveryRequested(UUID eventId, Instant occurredAt, int version, UserId recipient, MessageId messageId,
        ConversationId conversationId, long seq, UserId sender, DeviceId senderDevice, @Nullable GroupId group,
        String text, List<MediaRef> media, Instant sentAt, ClientMessageId clientMsgId,
        @Nullable SystemEvent system) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "delivery_requested";

    /** The current schema version. */
    public static final int VERSION = 1;

    /**
     * A message a member sent (no {@code system}).
     */
    public DeliveryRequested(UUID eventId, Instant occurredAt, int version, UserId recipient, MessageId messageId,
            ConversationId conversationId, long seq, UserId sender, DeviceId senderDevice, @Nullable GroupId group,
            String text, List<MediaRef> media, Instant sentAt, ClientMessageId clientMsgId) {
        this(eventId, occurredAt, version, recipient, messageId, conversationId, seq, sender, senderDevice, group, text,
                media, sentAt, clientMsgId, null);
    }

    public DeliveryRequested {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderDevice, "senderDevice");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        EventChecks.groupMatches(conversationId, group);
        media = (media != null) ? List.copyOf(media) : List.of();
    }

    /**
     * The delivery of a sent message to one of its recipients, with an event id derived
     * from message and recipient.
     * @param message the sent message
     * @param recipient one of its recipients
     * @param occurredAt when the fan-out happened
     * @return the event
     */
    public static DeliveryRequested forRecipient(MessageSent message, UserId recipient, Instant occurredAt) {
        UUID eventId = UUID
            .nameUUIDFromBytes(("delivery:" + message.messageId() + ":" + recipient).getBytes(StandardCharsets.UTF_8));
        return new DeliveryRequested(eventId, occurredAt, VERSION, recipient, message.messageId(),
                message.conversationId(), message.seq(), message.sender(), message.senderDevice(), message.group(),
                message.text(), message.media(), message.sentAt(), message.clientMsgId(), message.system());
    }

    /**
     * @return the frame that pushes this message to a device
     */
    public MessageFrame toFrame() {
        return new MessageFrame(messageId, conversationId, seq, sender, senderDevice, group, text, media, sentAt,
                system);
    }

    @Override
    public String topic() {
        return Topics.DELIVERIES;
    }

    @Override
    public String partitionKey() {
        return recipient.value();
    }

}
