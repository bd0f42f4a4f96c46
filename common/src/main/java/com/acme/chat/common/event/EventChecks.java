package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.GroupId;
import org.jspecify.annotations.Nullable;

/** Checks shared by the event records' constructors. */
final class EventChecks {

    private EventChecks() {
    }

    static void header(UUID eventId, Instant occurredAt, int version) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    static void groupVersion(long groupVersion) {
        if (groupVersion < 1) {
            throw new IllegalArgumentException("groupVersion must be at least 1");
        }
    }

    /**
     * The group field duplicates what the conversation id says; a mismatch is a producer
     * bug, caught at the source.
     */
    static void groupMatches(ConversationId conversationId, @Nullable GroupId group) {
        boolean consistent = (group != null) ? conversationId.equals(ConversationId.group(group))
                : conversationId.isDirect();
        if (!consistent) {
            throw new IllegalArgumentException("group " + group + " does not match conversation " + conversationId);
        }
    }

}
