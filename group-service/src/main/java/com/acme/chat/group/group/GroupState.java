package com.acme.chat.group.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.GroupRenamed;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.event.MemberRoleChanged;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;

/**
 * A group as of one version: the fold of its change log up to that version. Mutable only
 * while it is being folded ({@link #apply}); not thread-safe.
 */
final class GroupState {

    /**
     * Longest-standing first: the earliest joined version, then the user id (the initial
     * members all joined at version 1).
     */
    static final Comparator<Member> SENIORITY = Comparator.comparingLong(Member::joinedVersion)
        .thenComparing(member -> member.user().value());

    /**
     * One member.
     *
     * @param user the member
     * @param role their role
     * @param joinedAt when they joined
     * @param joinedVersion the group version at which they joined
     */
    record Member(UserId user, GroupRole role, Instant joinedAt, long joinedVersion) {
    }

    private final GroupId id;

    private final Map<UserId, Member> members = new LinkedHashMap<>();

    private String name = "";

    private long version;

    private GroupState(GroupId id) {
        this.id = id;
    }

    /**
     * @param id the group
     * @param events its log in version order
     * @return the group after the last event, or empty when the log is empty
     */
    static Optional<GroupState> replay(GroupId id, List<GroupEvent> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        GroupState state = new GroupState(id);
        events.forEach(state::apply);
        return Optional.of(state);
    }

    /** An independent copy, to fold planned events into. */
    GroupState copy() {
        GroupState copy = new GroupState(id);
        copy.members.putAll(members);
        copy.name = name;
        copy.version = version;
        return copy;
    }

    /**
     * Folds the next entry of the log into this state.
     * @throws IllegalStateException if the event is not the next version of this group
     */
    void apply(GroupEvent event) {
        if (!event.groupId().equals(id) || event.groupVersion() != version + 1) {
            throw new IllegalStateException("Group " + id + " at version " + version + " cannot apply version "
                    + event.groupVersion() + " of " + event.groupId());
        }
        version = event.groupVersion();
        if (event instanceof GroupCreated created) {
            name = created.name();
            for (UserId user : created.members()) {
                GroupRole role = user.equals(created.createdBy()) ? GroupRole.ADMIN : GroupRole.MEMBER;
                members.put(user, new Member(user, role, created.occurredAt(), version));
            }
        }
        else if (event instanceof MemberAdded added) {
            members.put(added.user(), new Member(added.user(), GroupRole.MEMBER, added.occurredAt(), version));
        }
        else if (event instanceof MemberRemoved removed) {
            members.remove(removed.user());
        }
        else if (event instanceof GroupRenamed renamed) {
            name = renamed.name();
        }
        else if (event instanceof MemberRoleChanged changed) {
            members.computeIfPresent(changed.user(),
                    (user, member) -> new Member(user, changed.role(), member.joinedAt(), member.joinedVersion()));
        }
    }

    GroupId id() {
        return id;
    }

    String name() {
        return name;
    }

    long version() {
        return version;
    }

    int memberCount() {
        return members.size();
    }

    boolean isMember(UserId user) {
        return members.containsKey(user);
    }

    boolean isAdmin(UserId user) {
        Member member = members.get(user);
        return member != null && member.role() == GroupRole.ADMIN;
    }

    long adminCount() {
        return members.values().stream().filter(member -> member.role() == GroupRole.ADMIN).count();
    }

    /** The members, longest-standing first. */
    List<Member> members() {
        List<Member> sorted = new ArrayList<>(members.values());
        sorted.sort(SENIORITY);
        return sorted;
    }

}
