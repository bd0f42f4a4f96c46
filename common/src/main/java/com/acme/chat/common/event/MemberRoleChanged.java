package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;

/**
 * A member was promoted to admin or demoted to member, by an admin, or promoted because
 * the last admin left (then {@code changedBy} is the admin who left). Published on
 * {@link Topics#GROUPS}.
 *
 * @param eventId event id
 * @param occurredAt when the role changed
 * @param version schema version, {@value #VERSION}
 * @param groupId the group
 * @param user the member whose role changed
 * @param role their new role
 * @param changedBy the admin who changed it
 * @param groupVersion the group's version after this change (see
 * {@link GroupEvent#groupVersion()})
 */
public record MemberRoleChanged(UUID eventId, Instant occurredAt, int version, GroupId groupId, UserId user,
        GroupRole role, UserId changedBy, long groupVersion) implements GroupEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "member_role_changed";

    /** The current schema version. */
    public static final int VERSION = 1;

    public MemberRoleChanged {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(changedBy, "changedBy");
        EventChecks.groupVersion(groupVersion);
    }

}
