package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;

/**
 * A user left or was removed from a group; they receive none of its later messages.
 * Published on {@link Topics#GROUPS}.
 *
 * @param eventId event id
 * @param occurredAt when the user was removed
 * @param version schema version, {@value #VERSION} (2 added {@code groupVersion})
 * @param groupId the group
 * @param user the former member
 * @param removedBy the member who removed them; equal to {@code user} when they left
 * @param groupVersion the group's version after this change (see
 * {@link GroupEvent#groupVersion()})
 */
public record MemberRemoved(UUID eventId, Instant occurredAt, int version, GroupId groupId, UserId user,
        UserId removedBy, long groupVersion) implements GroupEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "member_removed";

    /** The current schema version. */
    public static final int VERSION = 2;

    public MemberRemoved {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(removedBy, "removedBy");
        EventChecks.groupVersion(groupVersion);
    }

}
