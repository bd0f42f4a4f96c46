package com.acme.chat.common.event;

import com.acme.chat.common.id.GroupId;
import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * A change of a group, published on {@link Topics#GROUPS} keyed by group id, so one
 * group's changes are consumed in the order group-service made them. Consumers apply them
 * idempotently: adding a present member or removing an absent one is a no-op.
 */
@JsonSubTypes({ @JsonSubTypes.Type(value = GroupCreated.class, name = GroupCreated.TYPE),
        @JsonSubTypes.Type(value = MemberAdded.class, name = MemberAdded.TYPE),
        @JsonSubTypes.Type(value = MemberRemoved.class, name = MemberRemoved.TYPE) })
public sealed interface GroupEvent extends ChatEvent permits GroupCreated, MemberAdded, MemberRemoved {

    /**
     * @return the group that changed
     */
    GroupId groupId();

    @Override
    default String topic() {
        return Topics.GROUPS;
    }

    @Override
    default String partitionKey() {
        return groupId().value();
    }

}
