package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;

/**
 * A user joined a group; they receive the group's messages sent after this point.
 * Published on {@link Topics#GROUPS}.
 *
 * @param eventId event id
 * @param occurredAt when the user was added
 * @param version schema version, {@value #VERSION} (2 added {@code groupVersion})
 * @param groupId the group
 * @param user the new member
 * @param addedBy the member who added them
 * @param groupVersion the group's version after this change (see
 * {@link GroupEvent#groupVersion()})
 */
public record MemberAdded(UUID eventId, Instant occurredAt, int version, GroupId groupId, UserId user, UserId addedBy,
        long groupVersion) implements GroupEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "member_added";

    /** The current schema version. */
    public static final int VERSION = 2;

    public MemberAdded {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(addedBy, "addedBy");
        EventChecks.groupVersion(groupVersion);
    }

}
