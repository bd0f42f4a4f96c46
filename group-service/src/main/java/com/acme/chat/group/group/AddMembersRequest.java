package com.acme.chat.group.group;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/groups/{groupId}/members}: {@code {"userIds": ["carol"]}}.
 *
 * @param userIds 1 to {@code chat.group.max-batch} users to add; present members are
 * skipped
 */
record AddMembersRequest(@Nullable List<@Nullable String> userIds) {
}
