package com.acme.chat.common.protocol;

import java.util.List;
import java.util.Objects;

import com.acme.chat.common.id.UserId;
import org.jspecify.annotations.Nullable;

/**
 * What a system message of a group says: one change of the group (its creation, a member
 * added or removed, a rename, a role change), placed in the group's seq stream like any
 * message. A client rebuilds the member list from these in seq order; the message's
 * {@code sender} is who made the change.
 *
 * @param event {@value #GROUP_CREATED}, {@value #MEMBER_ADDED}, {@value #MEMBER_REMOVED}
 * (a member who removed themself left), {@value #GROUP_RENAMED} or {@value #ROLE_CHANGED}
 * @param groupVersion the group's version after the change: 1 for the creation, then one
 * more per change
 * @param user the member added, removed or whose role changed; absent otherwise
 * @param members the initial members, the creator included, for {@value #GROUP_CREATED};
 * empty otherwise
 * @param role the new role ({@code ADMIN} or {@code MEMBER}, as group-service names them)
 * for {@value #ROLE_CHANGED}; absent otherwise
 * @param name the group's name after {@value #GROUP_CREATED} and {@value #GROUP_RENAMED};
 * absent otherwise
 */
public record SystemEvent(String event, long groupVersion, @Nullable UserId user, List<UserId> members,
        @Nullable String role, @Nullable String name) {

    /** The group was created. */
    public static final String GROUP_CREATED = "group_created";

    /** A member was added. */
    public static final String MEMBER_ADDED = "member_added";

    /** A member was removed, or left (the sender is the member). */
    public static final String MEMBER_REMOVED = "member_removed";

    /** The group was renamed. */
    public static final String GROUP_RENAMED = "group_renamed";

    /** A member became admin or member. */
    public static final String ROLE_CHANGED = "role_changed";

    public SystemEvent {
        Objects.requireNonNull(event, "event");
        members = (members != null) ? List.copyOf(members) : List.of();
        if (groupVersion < 1) {
            throw new IllegalArgumentException("groupVersion must be at least 1");
        }
    }

}
