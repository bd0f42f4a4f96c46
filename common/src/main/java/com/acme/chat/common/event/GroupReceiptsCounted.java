package com.acme.chat.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.GroupReceiptsFrame;
import com.acme.chat.common.protocol.MessageReceiptCounts;

/**
 * The delivered and read counts of some of {@link #sender()}'s messages in a group
 * changed. Published on {@link Topics#RECEIPTS} (key: conversationId) by
 * messaging-service, which coalesces the members' receipts of a group and counts them at
 * most once per second; relay-service pushes it to the sender's connected devices as a
 * {@link GroupReceiptsFrame}. Cumulative: a later event for a seq supersedes an earlier
 * one, so a duplicate or a lost event is harmless.
 *
 * @param eventId event id
 * @param occurredAt when the counts were taken
 * @param version schema version, {@value #VERSION}
 * @param conversationId the group conversation
 * @param sender whose messages these are; the only one told
 * @param messages the counts that changed, by seq
 */
public record GroupReceiptsCounted(UUID eventId, Instant occurredAt, int version, ConversationId conversationId,
        UserId sender, List<MessageReceiptCounts> messages) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "group_receipts_counted";

    /** The current schema version. */
    public static final int VERSION = 1;

    public GroupReceiptsCounted {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sender, "sender");
        if (!conversationId.isGroup()) {
            throw new IllegalArgumentException("group receipts need a group conversation, got " + conversationId);
        }
        messages = List.copyOf(messages);
    }

    /**
     * @return the frame that tells the sender's devices
     */
    public GroupReceiptsFrame toFrame() {
        return new GroupReceiptsFrame(conversationId, messages);
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
