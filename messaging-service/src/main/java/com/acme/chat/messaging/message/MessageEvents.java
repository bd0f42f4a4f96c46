package com.acme.chat.messaging.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.UserId;

/**
 * The event of a stored message: one {@link MessageSent} with every member, keyed by the
 * conversation; relay fans it out to the members' devices (the sender's other devices
 * included). One record per message instead of one per member: a group message stays one
 * record. The event id derives from the message, so a re-publication after a failed
 * attempt carries the same id and consumers can drop it.
 */
final class MessageEvents {

    private MessageEvents() {
    }

    static List<ChatEvent> of(StoredMessage message, List<UserId> members, Instant now) {
        UUID eventId = UUID.nameUUIDFromBytes(("message:" + message.messageId()).getBytes(StandardCharsets.UTF_8));
        MessageSent sent = new MessageSent(eventId, now, MessageSent.VERSION, message.messageId(),
                message.conversationId(), message.seq(), message.sender(), message.senderDevice(), message.group(),
                members, message.text(), message.media(), message.sentAt(), message.clientMsgId(), message.system());
        return List.of(sent);
    }

}
