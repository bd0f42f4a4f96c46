package com.acme.chat.group.group;

import java.util.Objects;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.kit.web.ChatException;

/**
 * The group API under {@code /api/v1/groups}; the acting user is the token's subject.
 * Every path with a group id answers a non-member {@code unknown_group}; admin-only
 * changes answer a plain member {@code not_an_admin}.
 */
@RestController
@Tag(name = "groups")
class GroupController {

    private final GroupService groups;

    GroupController(GroupService groups) {
        this.groups = groups;
    }

    @PostMapping("/api/v1/groups")
    @Operation(summary = "Create a group",
            description = "The caller becomes its first admin; the other members are any valid user ids.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.GROUP_FULL })
    ResponseEntity<GroupView> create(@AuthenticationPrincipal Jwt jwt, @RequestBody CreateGroupRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
            .body(groups.create(subject(jwt), request.name(), request.members()));
    }

    @GetMapping("/api/v1/groups")
    @Operation(summary = "The caller's groups")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED })
    MyGroupsView mine(@AuthenticationPrincipal Jwt jwt) {
        return groups.mine(subject(jwt));
    }

    @GetMapping("/api/v1/groups/{groupId}")
    @Operation(summary = "A group: name, version and members with their roles", description = "Members only.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_GROUP })
    GroupView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId) {
        return groups.get(subject(jwt), group(groupId));
    }

    @PatchMapping("/api/v1/groups/{groupId}")
    @Operation(summary = "Rename a group", description = "Admins only; the same name changes nothing.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_GROUP, ErrorCode.NOT_AN_ADMIN })
    GroupView rename(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId,
            @RequestBody RenameGroupRequest request) {
        return groups.rename(subject(jwt), group(groupId), request.name());
    }

    @PostMapping("/api/v1/groups/{groupId}/members")
    @Operation(summary = "Add members",
            description = "Admins only. Present members are skipped; if all are present nothing changes.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_GROUP, ErrorCode.NOT_AN_ADMIN,
            ErrorCode.GROUP_FULL })
    GroupView addMembers(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId,
            @RequestBody AddMembersRequest request) {
        return groups.addMembers(subject(jwt), group(groupId), request.userIds());
    }

    @DeleteMapping("/api/v1/groups/{groupId}/members/{userId}")
    @Operation(summary = "Remove a member, or leave",
            description = "Admins remove others (an absent one changes nothing); the caller's own id means leave.")
    @ApiResponse(responseCode = "200", description = "Removed (or was absent): the group")
    @ApiResponse(responseCode = "204", description = "The caller left")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_GROUP, ErrorCode.NOT_AN_ADMIN })
    ResponseEntity<GroupView> removeMember(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId,
            @PathVariable String userId) {
        GroupView after = groups.removeMember(subject(jwt), group(groupId), user(userId));
        return (after != null) ? ResponseEntity.ok(after) : ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/groups/{groupId}/leave")
    @Operation(summary = "Leave a group",
            description = "The last admin leaving makes the longest-standing member admin.")
    @ApiResponse(responseCode = "204", description = "Left")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_GROUP })
    ResponseEntity<Void> leave(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId) {
        groups.leave(subject(jwt), group(groupId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/groups/{groupId}/admins/{userId}")
    @Operation(summary = "Promote a member to admin", description = "Admins only; an admin stays admin.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_GROUP, ErrorCode.NOT_AN_ADMIN,
            ErrorCode.UNKNOWN_USER })
    GroupView promote(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId, @PathVariable String userId) {
        return groups.setRole(subject(jwt), group(groupId), user(userId), GroupRole.ADMIN);
    }

    @DeleteMapping("/api/v1/groups/{groupId}/admins/{userId}")
    @Operation(summary = "Demote an admin to member",
            description = "Admins only; a member stays member. The last admin cannot be demoted (bad_request).")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_GROUP,
            ErrorCode.NOT_AN_ADMIN, ErrorCode.UNKNOWN_USER })
    GroupView demote(@AuthenticationPrincipal Jwt jwt, @PathVariable String groupId, @PathVariable String userId) {
        return groups.setRole(subject(jwt), group(groupId), user(userId), GroupRole.MEMBER);
    }

    private static UserId subject(Jwt jwt) {
        return parse(UserId::of, jwt.getSubject(), "The token subject is not a valid user id");
    }

    private static GroupId group(String groupId) {
        return parse(GroupId::of, groupId, "groupId is not a valid group id");
    }

    private static UserId user(String userId) {
        return parse(UserId::of, userId, "userId is not a valid user id");
    }

    private static <T> T parse(Function<String, T> parser, @Nullable String raw, String detail) {
        try {
            return parser.apply(Objects.requireNonNull(raw));
        }
        catch (RuntimeException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, detail);
        }
    }

}
