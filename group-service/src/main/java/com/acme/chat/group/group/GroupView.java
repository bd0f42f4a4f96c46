package com.acme.chat.group.group;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.id.GroupId;

/**
 * A group as its members see it.
 *
 * @param groupId the group
 * @param name its name
 * @param version its version: the number of changes so far (1 after the creation)
 * @param members its members, longest-standing first
 */
record GroupView(String groupId, String name, long version, List<Member> members) {

    /**
     * One member.
     *
     * @param userId the member
     * @param role {@code ADMIN} or {@code MEMBER}
     * @param joinedAt when they joined
     */
    record Member(String userId, GroupRole role, @Nullable Instant joinedAt) {
    }

    static GroupView of(GroupState state) {
        return new GroupView(state.id().value(), state.name(), state.version(), members(state.members()));
    }

    static GroupView of(GroupId group, MembershipRepository.Projection projection) {
        return new GroupView(group.value(), projection.name(), projection.version(), members(projection.members()));
    }

    private static List<Member> members(List<GroupState.Member> members) {
        return members.stream()
            .map(member -> new Member(member.user().value(), member.role(), member.joinedAt()))
            .toList();
    }

}
