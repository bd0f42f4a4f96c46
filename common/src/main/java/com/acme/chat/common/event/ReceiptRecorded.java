package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptFrame;
import com.acme.chat.common.protocol.ReceiptKind;

/**
 * A member's delivered or read position in a conversation moved forward to
 * {@link #upToSeq()} (inclusive). Published on {@link Topics#RECEIPTS} keyed by
 * conversation, only when the position actually advanced. Cumulative, so a duplicate or a
 * superseded event is harmless: consumers keep the highest {@code upToSeq} per user and
 * kind.
 *
 * @param eventId event id
 * @param occurredAt when the position was recorded
 * @param version schema version, {@value #VERSION}
 * @param conversationId the conversation
 * @param user the member whose position moved
 * @param kind delivered or read
 * @param upToSeq the new position, inclusive
 */
public record ReceiptRecorded(UUID eventId, Instant occurredAt, int version, ConversationId conversationId, UserId user,
        ReceiptKind kind, long upToSeq) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "receipt_recorded";

    /** The current schema version. */
    public static final int VERSION = 1;

    public ReceiptRecorded {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @return the frame that tells the other members' devices
     */
    public ReceiptFrame toFrame() {
        return new ReceiptFrame(conversationId, user, kind, upToSeq, occurredAt);
    }

    @Override
    public String topic() {
        return Topics.RECEIPTS;
    }

    @Override
    public String partitionKey() {
        return conversationId.value();
    }

}
