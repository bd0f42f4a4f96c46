package com.acme.chat.messaging.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.UserId;

/**
 * The events of a stored direct message: one {@link MessageSent} and one
 * {@link DeliveryRequested} per member (the sender included, for their other devices).
 * Event ids derive from the message, so a re-publication after a failed attempt carries
 * the same ids and consumers can drop it.
 */
final class MessageEvents {

    private MessageEvents() {
    }

    static List<ChatEvent> of(StoredMessage message, List<UserId> members, Instant now) {
        UUID eventId = UUID.nameUUIDFromBytes(("message:" + message.messageId()).getBytes(StandardCharsets.UTF_8));
        MessageSent sent = new MessageSent(eventId, now, MessageSent.VERSION, message.messageId(),
                message.conversationId(), message.seq(), message.sender(), message.senderDevice(), null, members,
                message.text(), message.media(), message.sentAt(), message.clientMsgId());
        List<ChatEvent> events = new ArrayList<>(1 + members.size());
        events.add(sent);
        for (UserId member : members) {
            events.add(DeliveryRequested.forRecipient(sent, member, now));
        }
        return events;
    }

}
