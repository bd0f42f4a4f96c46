package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;

/**
 * An admin renamed a group. Published on {@link Topics#GROUPS}.
 *
 * @param eventId event id
 * @param occurredAt when the group was renamed
 * @param version schema version, {@value #VERSION}
 * @param groupId the group
 * @param name the new display name
 * @param renamedBy the admin who renamed it
 * @param groupVersion the group's version after this change (see
 * {@link GroupEvent#groupVersion()})
 */
public record GroupRenamed(UUID eventId, Instant occurredAt, int version, GroupId groupId, String name,
        UserId renamedBy, long groupVersion) implements GroupEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "group_renamed";

    /** The current schema version. */
    public static final int VERSION = 1;

    public GroupRenamed {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(renamedBy, "renamedBy");
        EventChecks.groupVersion(groupVersion);
    }

}
