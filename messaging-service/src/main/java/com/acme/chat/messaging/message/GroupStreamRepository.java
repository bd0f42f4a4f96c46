package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

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
import com.acme.chat.common.protocol.SystemEvent;

/**
 * The group tables of messaging (docs/adr/0026): {@code group_events} (every change
 * consumed from {@code chat.groups.v1}, by version), {@code group_streams} (how far the
 * group's stream applied them), {@code group_members_view} and {@code user_groups_view}
 * (who reads which seqs). Views and stream state are written by the group's writer only,
 * fenced by its tenure's timestamps like the messages (ADR 0014).
 */
@Repository
public class GroupStreamRepository {

    /**
     * A group change as recorded, with the one who made it.
     *
     * @param group the group
     * @param actor who made the change (the creator, adder, remover, renamer)
     * @param change the change as its system message tells it
     * @param occurredAt when group-service made it
     */
    record Change(GroupId group, UserId actor, SystemEvent change, Instant occurredAt) {
    }

    /**
     * How far a group's stream applied its changes.
     *
     * @param appliedVersion the last change with a system message (0: none)
     * @param appliedSeq that system message's seq (0: none)
     * @param pendingVersion a change whose system message is being written (0: none)
     * @param pendingSeq its seq (0: none)
     */
    record StreamState(long appliedVersion, long appliedSeq, long pendingVersion, long pendingSeq) {

        static final StreamState EMPTY = new StreamState(0, 0);

        StreamState(long appliedVersion, long appliedSeq) {
            this(appliedVersion, appliedSeq, 0, 0);
        }

        StreamState withPending(long version, long seq) {
            return new StreamState(appliedVersion, appliedSeq, version, seq);
        }

    }

    /**
     * A user's membership as the stream sees it.
     *
     * @param joinedSeq the seq of the system message that added them (the first they
     * read)
     * @param leftSeq the seq of the one that removed them (the last they read), or null
     * while a member
     * @param role their role, {@code ADMIN} or {@code MEMBER}
     */
    public record Membership(long joinedSeq, @Nullable Long leftSeq, String role) {

        /**
         * @return whether the user is a member now
         */
        public boolean current() {
            return leftSeq == null;
        }

        /**
         * @return the highest seq the user may read
         */
        public long lastReadableSeq() {
            return (leftSeq != null) ? leftSeq : Long.MAX_VALUE;
        }

    }

    private final CqlSession session;

    private final PreparedStatement recordEvent;

    private final PreparedStatement eventsAfter;

    private final PreparedStatement readState;

    private final PreparedStatement writeState;

    private final PreparedStatement readMembers;

    private final PreparedStatement readMember;

    private final PreparedStatement writeMember;

    private final PreparedStatement writeUserGroup;

    private final PreparedStatement readUserGroups;

    GroupStreamRepository(CqlSession session) {
        this.session = session;
        this.recordEvent = session.prepare("INSERT INTO group_events (group_id, version, event, actor, user_id, "
                + "members, role, name, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.eventsAfter = session.prepare("SELECT group_id, version, event, actor, user_id, members, role, name, "
                + "occurred_at FROM group_events WHERE group_id = ? AND version > ? LIMIT ?");
        this.readState = session.prepare(
                "SELECT applied_version, applied_seq, pending_version, pending_seq FROM group_streams WHERE group_id = ?");
        this.writeState = session.prepare("UPDATE group_streams USING TIMESTAMP ? SET applied_version = ?, "
                + "applied_seq = ?, pending_version = ?, pending_seq = ? WHERE group_id = ?");
        this.readMembers = session
            .prepare("SELECT user_id, joined_seq, left_seq, role FROM group_members_view WHERE group_id = ?");
        this.readMember = session
            .prepare("SELECT joined_seq, left_seq, role FROM group_members_view WHERE group_id = ? AND user_id = ?");
        this.writeMember = session.prepare("UPDATE group_members_view USING TIMESTAMP ? SET joined_seq = ?, "
                + "left_seq = ?, role = ? WHERE group_id = ? AND user_id = ?");
        this.writeUserGroup = session.prepare("UPDATE user_groups_view USING TIMESTAMP ? SET joined_seq = ?, "
                + "left_seq = ? WHERE user_id = ? AND group_id = ?");
        this.readUserGroups = session
            .prepare("SELECT group_id, joined_seq, left_seq FROM user_groups_view WHERE user_id = ?");
    }

    /**
     * Records a consumed change; the same version again writes the same row.
     */
    void record(GroupEvent event) {
        Change change = changeOf(event);
        SystemEvent system = change.change();
        session.execute(recordEvent.bind(change.group().value(), system.groupVersion(), system.event(),
                change.actor().value(), (system.user() != null) ? system.user().value() : null,
                system.members().stream().map(UserId::value).toList(), system.role(), system.name(),
                change.occurredAt()));
    }

    /**
     * @return the recorded changes after {@code version}, oldest first, at most
     * {@code limit}
     */
    List<Change> changesAfter(GroupId group, long version, int limit) {
        List<Change> changes = new ArrayList<>();
        for (Row row : session.execute(eventsAfter.bind(group.value(), version, limit))) {
            String user = row.getString("user_id");
            List<UserId> members = row.getList("members", String.class).stream().map(UserId::of).toList();
            SystemEvent system = new SystemEvent(row.getString("event"), row.getLong("version"),
                    (user != null) ? UserId.of(user) : null, members, row.getString("role"), row.getString("name"));
            changes.add(new Change(group, UserId.of(row.getString("actor")), system, row.getInstant("occurred_at")));
        }
        return changes;
    }

    StreamState state(GroupId group) {
        Row row = session.execute(readState.bind(group.value())).one();
        return (row == null) ? StreamState.EMPTY : new StreamState(row.getLong("applied_version"),
                row.getLong("applied_seq"), row.getLong("pending_version"), row.getLong("pending_seq"));
    }

    CompletionStage<AsyncResultSet> writeState(GroupId group, StreamState state, long writeTimestamp) {
        return session.executeAsync(writeState.bind(writeTimestamp, state.appliedVersion(), state.appliedSeq(),
                state.pendingVersion(), state.pendingSeq(), group.value()));
    }

    /**
     * @return everyone who ever was a member, with their current membership, in user id
     * order
     */
    public Map<UserId, Membership> members(GroupId group) {
        Map<UserId, Membership> members = new LinkedHashMap<>();
        for (Row row : session.execute(readMembers.bind(group.value()))) {
            members.put(UserId.of(row.getString("user_id")), membershipOf(row));
        }
        return members;
    }

    /**
     * @return the user's membership of the group, empty if they never were a member
     */
    public Optional<Membership> membership(GroupId group, UserId user) {
        Row row = session.execute(readMember.bind(group.value(), user.value())).one();
        return Optional.ofNullable(row).map(GroupStreamRepository::membershipOf);
    }

    /**
     * @return the groups the user is or was a member of, with the seqs they read
     */
    public Map<GroupId, Membership> groupsOf(UserId user) {
        Map<GroupId, Membership> groups = new LinkedHashMap<>();
        for (Row row : session.execute(readUserGroups.bind(user.value()))) {
            Long left = row.isNull("left_seq") ? null : row.getLong("left_seq");
            groups.put(GroupId.of(row.getString("group_id")), new Membership(row.getLong("joined_seq"), left, ""));
        }
        return groups;
    }

    List<CompletionStage<AsyncResultSet>> writeMembership(GroupId group, UserId user, Membership membership,
            long writeTimestamp) {
        return List.of(
                session.executeAsync(writeMember.bind(writeTimestamp, membership.joinedSeq(), membership.leftSeq(),
                        membership.role(), group.value(), user.value())),
                session.executeAsync(writeUserGroup.bind(writeTimestamp, membership.joinedSeq(), membership.leftSeq(),
                        user.value(), group.value())));
    }

    private static Membership membershipOf(Row row) {
        Long left = row.isNull("left_seq") ? null : row.getLong("left_seq");
        String role = row.getString("role");
        return new Membership(row.getLong("joined_seq"), left, (role != null) ? role : ROLE_MEMBER);
    }

    /** The roles as group-service names them ({@link GroupRole}). */
    static final String ROLE_ADMIN = GroupRole.ADMIN.name();

    static final String ROLE_MEMBER = GroupRole.MEMBER.name();

    static String roleOf(GroupRole role) {
        return role.name();
    }

    /**
     * @return the change as recorded and told in the stream
     */
    static Change changeOf(GroupEvent event) {
        long version = event.groupVersion();
        if (event instanceof GroupCreated created) {
            return new Change(created.groupId(), created.createdBy(),
                    new SystemEvent(SystemEvent.GROUP_CREATED, version, null, created.members(), null, created.name()),
                    created.occurredAt());
        }
        if (event instanceof MemberAdded added) {
            return new Change(added.groupId(), added.addedBy(),
                    new SystemEvent(SystemEvent.MEMBER_ADDED, version, added.user(), List.of(), null, null),
                    added.occurredAt());
        }
        if (event instanceof MemberRemoved removed) {
            return new Change(removed.groupId(), removed.removedBy(),
                    new SystemEvent(SystemEvent.MEMBER_REMOVED, version, removed.user(), List.of(), null, null),
                    removed.occurredAt());
        }
        if (event instanceof GroupRenamed renamed) {
            return new Change(renamed.groupId(), renamed.renamedBy(),
                    new SystemEvent(SystemEvent.GROUP_RENAMED, version, null, List.of(), null, renamed.name()),
                    renamed.occurredAt());
        }
        MemberRoleChanged changed = (MemberRoleChanged) event;
        return new Change(changed.groupId(), changed.changedBy(), new SystemEvent(SystemEvent.ROLE_CHANGED, version,
                changed.user(), List.of(), roleOf(changed.role()), null), changed.occurredAt());
    }

}
