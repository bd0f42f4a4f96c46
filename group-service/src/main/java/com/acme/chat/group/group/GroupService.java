package com.acme.chat.group.group;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.GroupRenamed;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.event.MemberRoleChanged;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.group.config.GroupProperties;
import com.acme.chat.kit.web.ChatException;

/**
 * The group use cases. A change reads the group's log, decides against the state it folds
 * to (membership, admin rights, the member limit), appends its entries at the following
 * versions and publishes them; when a concurrent change took those versions first it
 * reads again and decides again, up to {@code chat.group.change-attempts} times (ADR
 * 0025). A change that would change nothing (adding a member, removing an absent one, the
 * same name, the same role) appends nothing and answers the current group.
 * <p>
 * A caller who is not a member gets {@code unknown_group}, exactly like a caller naming a
 * group that does not exist, so nobody learns which groups exist.
 */
@Service
class GroupService {

    private static final Logger log = LoggerFactory.getLogger(GroupService.class);

    /** What a change appends, given the versions it will have. */
    private interface Draft {

        GroupEvent at(UUID eventId, Instant now, long groupVersion);

    }

    private final GroupLogRepository groupLog;

    private final MembershipRepository projections;

    private final GroupLogPublisher publisher;

    private final GroupProperties properties;

    private final Clock clock;

    GroupService(GroupLogRepository groupLog, MembershipRepository projections, GroupLogPublisher publisher,
            GroupProperties properties, Clock clock) {
        this.groupLog = groupLog;
        this.projections = projections;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The event id of a log entry: derived from the group and version, so an entry
     * published again carries the same id.
     */
    static UUID eventId(GroupId group, long groupVersion) {
        return UUID
            .nameUUIDFromBytes((group.value() + "#" + groupVersion).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    GroupView create(UserId creator, @Nullable String name, @Nullable List<@Nullable String> members) {
        String checkedName = checkName(name);
        Set<UserId> all = new LinkedHashSet<>();
        all.add(creator);
        all.addAll(userIds((members != null) ? members : List.of(), "members", Integer.MAX_VALUE));
        if (all.size() > properties.maxMembers()) {
            throw groupFull();
        }
        GroupId group = GroupId.of("grp-" + UUID.randomUUID());
        Instant now = clock.instant();
        GroupEvent created = new GroupCreated(eventId(group, 1), now, GroupCreated.VERSION, group, checkedName, creator,
                List.copyOf(all), 1);
        GroupState after = GroupState.replay(group, List.of(created)).orElseThrow();
        if (!groupLog.append(group, 0, List.of(created), after, now)) {
            throw new IllegalStateException("A new group id was taken: " + group);
        }
        publishAfterChange(group);
        return GroupView.of(after);
    }

    GroupView get(UserId caller, GroupId group) {
        MembershipRepository.Projection projection = projections.group(group)
            .filter(found -> found.members().stream().anyMatch(member -> member.user().equals(caller)))
            .orElseThrow(() -> unknownGroup(group));
        return GroupView.of(group, projection);
    }

    MyGroupsView mine(UserId caller) {
        return MyGroupsView.of(projections.userGroups(caller, properties.maxGroupsListed()));
    }

    GroupView rename(UserId caller, GroupId group, @Nullable String name) {
        String checkedName = checkName(name);
        return GroupView.of(change(group, state -> {
            requireAdmin(state, caller);
            return checkedName.equals(state.name()) ? List.of() : List
                .of((id, now, v) -> new GroupRenamed(id, now, GroupRenamed.VERSION, group, checkedName, caller, v));
        }));
    }

    GroupView addMembers(UserId caller, GroupId group, @Nullable List<@Nullable String> userIds) {
        List<UserId> wanted = userIds((userIds != null) ? userIds : List.of(), "userIds", properties.maxBatch());
        if (wanted.isEmpty()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "userIds must name at least one user");
        }
        return GroupView.of(change(group, state -> {
            requireAdmin(state, caller);
            List<Draft> drafts = new ArrayList<>();
            for (UserId user : wanted) {
                if (!state.isMember(user)) {
                    drafts.add((id, now, v) -> new MemberAdded(id, now, MemberAdded.VERSION, group, user, caller, v));
                }
            }
            if (state.memberCount() + drafts.size() > properties.maxMembers()) {
                throw groupFull();
            }
            return drafts;
        }));
    }

    /**
     * An admin removes a member; removing oneself is {@link #leave}.
     * @return the group after the change, or null when the caller left it
     */
    @Nullable GroupView removeMember(UserId caller, GroupId group, UserId user) {
        if (user.equals(caller)) {
            leave(caller, group);
            return null;
        }
        return GroupView.of(change(group, state -> {
            requireAdmin(state, caller);
            return state.isMember(user)
                    ? List.of((id, now, v) -> new MemberRemoved(id, now, MemberRemoved.VERSION, group, user, caller, v))
                    : List.of();
        }));
    }

    /**
     * The caller leaves. When they were the last admin and members remain, the
     * longest-standing member becomes admin in the same change.
     */
    void leave(UserId caller, GroupId group) {
        change(group, state -> {
            requireMember(state, caller);
            List<Draft> drafts = new ArrayList<>();
            drafts.add((id, now, v) -> new MemberRemoved(id, now, MemberRemoved.VERSION, group, caller, caller, v));
            if (state.isAdmin(caller) && state.adminCount() == 1) {
                state.members()
                    .stream()
                    .filter(member -> !member.user().equals(caller))
                    .findFirst()
                    .ifPresent(successor -> drafts.add((id, now, v) -> new MemberRoleChanged(id, now,
                            MemberRoleChanged.VERSION, group, successor.user(), GroupRole.ADMIN, caller, v)));
            }
            return drafts;
        });
    }

    GroupView setRole(UserId caller, GroupId group, UserId user, GroupRole role) {
        return GroupView.of(change(group, state -> {
            requireAdmin(state, caller);
            if (!state.isMember(user)) {
                throw new ChatException(ErrorCode.UNKNOWN_USER, "User '" + user + "' is not a member of this group");
            }
            if (state.isAdmin(user) == (role == GroupRole.ADMIN)) {
                return List.of();
            }
            if (role == GroupRole.MEMBER && state.adminCount() == 1) {
                throw new ChatException(ErrorCode.BAD_REQUEST,
                        "The last admin cannot be demoted; promote another member first");
            }
            return List.of((id, now, v) -> new MemberRoleChanged(id, now, MemberRoleChanged.VERSION, group, user, role,
                    caller, v));
        }));
    }

    /**
     * Reads, decides and appends until the append wins; see the class comment.
     * @param decide the entries to append to the given state, empty for none; throws the
     * caller's error
     * @return the group after the change
     */
    private GroupState change(GroupId group, Function<GroupState, List<Draft>> decide) {
        for (int attempt = 1; attempt <= properties.changeAttempts(); attempt++) {
            List<GroupLogRepository.Entry> entries = groupLog.entries(group);
            if (entries.stream().anyMatch(entry -> !entry.published())) {
                // An earlier change was not published (its writer crashed, or is still at
                // it): publish it first, so this change's entries follow it on Kafka.
                publishAfterChange(group);
            }
            GroupState state = GroupState.replay(group, entries.stream().map(GroupLogRepository.Entry::event).toList())
                .orElseThrow(() -> unknownGroup(group));
            List<Draft> drafts = decide.apply(state);
            if (drafts.isEmpty()) {
                return state;
            }
            Instant now = clock.instant();
            GroupState after = state.copy();
            List<GroupEvent> events = new ArrayList<>();
            for (Draft draft : drafts) {
                long version = after.version() + 1;
                GroupEvent event = draft.at(eventId(group, version), now, version);
                after.apply(event);
                events.add(event);
            }
            if (groupLog.append(group, state.version(), events, after, now)) {
                publishAfterChange(group);
                return after;
            }
            log.debug("Change of group {} lost the append at version {} (attempt {})", group, state.version() + 1,
                    attempt);
        }
        throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                "Too many concurrent changes of this group; retry the same request");
    }

    /**
     * The change is stored; publishing is the outbox's job from here, so a Kafka failure
     * does not fail the request (the sweep publishes it later).
     */
    private void publishAfterChange(GroupId group) {
        try {
            publisher.publishPending(group);
        }
        catch (ChatException ex) {
            log.warn("Group {} changed but its events are not published yet ({}); the sweep will", group,
                    ex.code().code());
        }
    }

    private String checkName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "name must not be blank");
        }
        String stripped = name.strip();
        if (stripped.codePointCount(0, stripped.length()) > properties.maxNameLength()) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED,
                    "name must be at most " + properties.maxNameLength() + " characters");
        }
        return stripped;
    }

    private static List<UserId> userIds(List<@Nullable String> raw, String field, int max) {
        if (raw.size() > max) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, field + " must name at most " + max + " users");
        }
        Set<UserId> ids = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                ids.add(UserId.of(Objects.requireNonNull(raw.get(i))));
            }
            catch (RuntimeException ex) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED, field + "[" + i + "] is not a valid user id");
            }
        }
        return List.copyOf(ids);
    }

    private static void requireMember(GroupState state, UserId caller) {
        if (!state.isMember(caller)) {
            throw unknownGroup(state.id());
        }
    }

    private static void requireAdmin(GroupState state, UserId caller) {
        requireMember(state, caller);
        if (!state.isAdmin(caller)) {
            throw new ChatException(ErrorCode.NOT_AN_ADMIN, "Only the group's admins may do this");
        }
    }

    private ChatException groupFull() {
        return new ChatException(ErrorCode.GROUP_FULL, "A group has at most " + properties.maxMembers() + " members");
    }

    private static ChatException unknownGroup(GroupId group) {
        return new ChatException(ErrorCode.UNKNOWN_GROUP, "No group '" + group + "'");
    }

}
