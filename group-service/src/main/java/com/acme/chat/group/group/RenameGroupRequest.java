package com.acme.chat.group.group;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/groups/{groupId}}: {@code {"name": "The family"}}.
 *
 * @param name the new name, with the same rules as at creation
 */
record RenameGroupRequest(@Nullable String name) {
}
