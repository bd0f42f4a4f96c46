package com.acme.chat.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;

/**
 * A group was created with its initial members; always the first event of its group on
 * {@link Topics#GROUPS}.
 *
 * @param eventId event id
 * @param occurredAt when the group was created
 * @param version schema version, {@value #VERSION} (2 added {@code groupVersion})
 * @param groupId the new group
 * @param name its display name
 * @param createdBy the creator, who is also a member
 * @param members the initial members, the creator included
 * @param groupVersion the group's version after this change (see
 * {@link GroupEvent#groupVersion()})
 */
public record GroupCreated(UUID eventId, Instant occurredAt, int version, GroupId groupId, String name,
        UserId createdBy, List<UserId> members, long groupVersion) implements GroupEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "group_created";

    /** The current schema version. */
    public static final int VERSION = 2;

    public GroupCreated {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdBy, "createdBy");
        EventChecks.groupVersion(groupVersion);
        members = (members != null) ? List.copyOf(members) : List.of();
    }

}
