package com.acme.chat.common.event;

import com.acme.chat.common.id.GroupId;
import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * A change of a group, published on {@link Topics#GROUPS} keyed by group id, so one
 * group's changes are consumed in the order group-service made them.
 * <p>
 * Every change is an entry of the group's change log and carries its
 * {@link #groupVersion()}: 1 for {@link GroupCreated}, then consecutive, with no gap.
 * Delivery is at least once: an entry may be published again (after a crash, or by a
 * second instance catching up) with the same {@link #eventId()} and version, possibly
 * after later versions. Consumers therefore apply an event only when its version is the
 * one after the last they applied for that group, and drop lower ones.
 */
@JsonSubTypes({ @JsonSubTypes.Type(value = GroupCreated.class, name = GroupCreated.TYPE),
        @JsonSubTypes.Type(value = MemberAdded.class, name = MemberAdded.TYPE),
        @JsonSubTypes.Type(value = MemberRemoved.class, name = MemberRemoved.TYPE),
        @JsonSubTypes.Type(value = GroupRenamed.class, name = GroupRenamed.TYPE),
        @JsonSubTypes.Type(value = MemberRoleChanged.class, name = MemberRoleChanged.TYPE) })
public sealed interface GroupEvent extends ChatEvent
        permits GroupCreated, MemberAdded, MemberRemoved, GroupRenamed, MemberRoleChanged {

    /**
     * @return the group that changed
     */
    GroupId groupId();

    /**
     * @return the group's version after this change: its position in the group's change
     * log, 1 for the creation, each change one more
     */
    long groupVersion();

    @Override
    default String topic() {
        return Topics.GROUPS;
    }

    @Override
    default String partitionKey() {
        return groupId().value();
    }

}
