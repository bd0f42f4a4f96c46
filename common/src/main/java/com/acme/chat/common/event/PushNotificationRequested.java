package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/**
 * Wake the devices of a user who has a message waiting but no connected device. Published
 * on {@link Topics#NOTIFICATIONS} keyed by recipient. Deliberately preview-free: it
 * carries no text, sender name or media, so nothing of the message passes through the
 * push provider; the woken app connects and fetches its queue. Best-effort: a lost or
 * duplicate push only wakes the app late or twice.
 *
 * @param eventId event id
 * @param occurredAt when the notification was requested
 * @param version schema version, {@value #VERSION}
 * @param recipient the user to notify
 * @param messageId the waiting message, for collapsing duplicate pushes
 * @param conversationId its conversation, for grouping notifications
 */
public record PushNotificationRequested(UUID eventId, Instant occurredAt, int version, UserId recipient,
        MessageId messageId, ConversationId conversationId) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "push_notification_requested";

    /** The current schema version. */
    public static final int VERSION = 1;

    public PushNotificationRequested {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS;
    }

    @Override
    public String partitionKey() {
        return recipient.value();
    }

}
