package com.acme.chat.group.group;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/groups}: {@code {"name": "Family", "members": ["bob"]}}.
 *
 * @param name the group's name, 1 to {@code chat.group.max-name-length} characters after
 * stripping surrounding white space
 * @param members the other initial members (the caller is always one, as admin); may be
 * empty or absent
 */
record CreateGroupRequest(@Nullable String name, @Nullable List<@Nullable String> members) {
}
