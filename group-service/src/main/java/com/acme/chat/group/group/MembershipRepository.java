package com.acme.chat.group.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.stereotype.Repository;

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
 * The projections of the group log: {@code group_members} (by group, with the group's
 * name and version as static columns) and {@code user_groups} (by user).
 * <p>
 * Every write of an entry carries {@code USING TIMESTAMP <groupVersion>}: Cassandra keeps
 * the cell with the highest write timestamp, so applying an entry twice, or after a later
 * one (the sweep catching up after a crash), never undoes the later one. Nothing else may
 * write these tables.
 */
@Repository
class MembershipRepository {

    /**
     * A group as the projection has it.
     *
     * @param name its name
     * @param version the newest entry applied
     * @param members its members, longest-standing first
     */
    record Projection(String name, long version, List<GroupState.Member> members) {
    }

    /**
     * One group of a user.
     *
     * @param groupId the group
     * @param role the user's role there
     * @param joinedAt when they joined
     */
    record UserGroup(GroupId groupId, GroupRole role, Instant joinedAt) {
    }

    private final CqlSession session;

    private final PreparedStatement insertMember;

    private final PreparedStatement insertUserGroup;

    private final PreparedStatement deleteMember;

    private final PreparedStatement deleteUserGroup;

    private final PreparedStatement memberRole;

    private final PreparedStatement userGroupRole;

    private final PreparedStatement header;

    private final PreparedStatement version;

    private final PreparedStatement group;

    private final PreparedStatement userGroups;

    MembershipRepository(CqlSession session) {
        this.session = session;
        this.insertMember = session.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at, "
                + "joined_version) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.insertUserGroup = session.prepare(
                "INSERT INTO user_groups (user_id, group_id, role, joined_at) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
        this.deleteMember = session
            .prepare("DELETE FROM group_members USING TIMESTAMP ? WHERE group_id = ? AND user_id = ?");
        this.deleteUserGroup = session
            .prepare("DELETE FROM user_groups USING TIMESTAMP ? WHERE user_id = ? AND group_id = ?");
        this.memberRole = session
            .prepare("UPDATE group_members USING TIMESTAMP ? SET role = ? WHERE group_id = ? AND user_id = ?");
        this.userGroupRole = session
            .prepare("UPDATE user_groups USING TIMESTAMP ? SET role = ? WHERE user_id = ? AND group_id = ?");
        this.header = session
            .prepare("UPDATE group_members USING TIMESTAMP ? SET name = ?, version = ? WHERE group_id = ?");
        this.version = session.prepare("UPDATE group_members USING TIMESTAMP ? SET version = ? WHERE group_id = ?");
        this.group = session.prepare(
                "SELECT user_id, role, joined_at, joined_version, name, version FROM group_members WHERE group_id = ?");
        this.userGroups = session
            .prepare("SELECT group_id, role, joined_at FROM user_groups WHERE user_id = ? LIMIT ?");
    }

    /** Applies one log entry to both projections; idempotent. */
    void apply(GroupEvent event) {
        long at = event.groupVersion();
        String group = event.groupId().value();
        List<BoundStatement> writes = new ArrayList<>();
        if (event instanceof GroupCreated created) {
            writes.add(header.bind(at, created.name(), at, group));
            for (UserId user : created.members()) {
                GroupRole role = user.equals(created.createdBy()) ? GroupRole.ADMIN : GroupRole.MEMBER;
                writes.addAll(joined(event, user, role, created.occurredAt()));
            }
        }
        else if (event instanceof MemberAdded added) {
            writes.add(version.bind(at, at, group));
            writes.addAll(joined(event, added.user(), GroupRole.MEMBER, added.occurredAt()));
        }
        else if (event instanceof MemberRemoved removed) {
            writes.add(version.bind(at, at, group));
            writes.add(deleteMember.bind(at, group, removed.user().value()));
            writes.add(deleteUserGroup.bind(at, removed.user().value(), group));
        }
        else if (event instanceof GroupRenamed renamed) {
            writes.add(header.bind(at, renamed.name(), at, group));
        }
        else if (event instanceof MemberRoleChanged changed) {
            writes.add(version.bind(at, at, group));
            writes.add(memberRole.bind(at, changed.role().name(), group, changed.user().value()));
            writes.add(userGroupRole.bind(at, changed.role().name(), changed.user().value(), group));
        }
        // In waves: a creation with 1,024 members is 2,049 writes, more than the driver
        // lets wait on one connection (1,024), which fails the rest at once.
        for (int from = 0; from < writes.size(); from += WAVE) {
            CompletableFuture<?>[] done = writes.subList(from, Math.min(writes.size(), from + WAVE))
                .stream()
                .map(session::executeAsync)
                .map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture<?>[]::new);
            CompletableFuture.allOf(done).join();
        }
    }

    /** Projection writes in flight at once for one change. */
    static final int WAVE = 256;

    private List<BoundStatement> joined(GroupEvent event, UserId user, GroupRole role, Instant at) {
        long version = event.groupVersion();
        String group = event.groupId().value();
        return List.of(insertMember.bind(group, user.value(), role.name(), at, version, version),
                insertUserGroup.bind(user.value(), group, role.name(), at, version));
    }

    /** The group as projected, or empty when no entry of it was applied yet. */
    Optional<Projection> group(GroupId id) {
        String name = null;
        long at = 0;
        List<GroupState.Member> members = new ArrayList<>();
        for (Row row : session.execute(group.bind(id.value()))) {
            name = row.getString("name");
            at = row.isNull("version") ? 0 : row.getLong("version");
            String user = row.getString("user_id");
            String role = row.getString("role");
            if (user != null && role != null) {
                members.add(new GroupState.Member(UserId.of(user), GroupRole.valueOf(role), row.getInstant("joined_at"),
                        row.getLong("joined_version")));
            }
        }
        if (name == null) {
            return Optional.empty();
        }
        members.sort(GroupState.SENIORITY);
        return Optional.of(new Projection(name, at, members));
    }

    /** A user's groups, at most {@code limit}, in group id order. */
    List<UserGroup> userGroups(UserId user, int limit) {
        List<UserGroup> result = new ArrayList<>();
        for (Row row : session.execute(userGroups.bind(user.value(), limit))) {
            String role = row.getString("role");
            if (role != null) {
                result.add(new UserGroup(GroupId.of(row.getString("group_id")), GroupRole.valueOf(role),
                        row.getInstant("joined_at")));
            }
        }
        return result;
    }

}
