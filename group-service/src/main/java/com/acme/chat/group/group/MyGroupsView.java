package com.acme.chat.group.group;

import java.time.Instant;
import java.util.List;

import com.acme.chat.common.event.GroupRole;

/**
 * The caller's groups, in group id order, at most {@code chat.group.max-groups-listed}.
 *
 * @param groups one entry per group
 */
record MyGroupsView(List<Entry> groups) {

    /**
     * One of the caller's groups.
     *
     * @param groupId the group (its name and members: {@code GET
     * /api/v1/groups/{groupId}})
     * @param role the caller's role there
     * @param joinedAt when the caller joined
     */
    record Entry(String groupId, GroupRole role, Instant joinedAt) {
    }

    static MyGroupsView of(List<MembershipRepository.UserGroup> groups) {
        return new MyGroupsView(groups.stream()
            .map(group -> new Entry(group.groupId().value(), group.role(), group.joinedAt()))
            .toList());
    }

}
