package com.acme.chat.messaging.user;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PUT /api/v1/users/me/settings}: {@code {"readReceipts": false}}.
 *
 * @param readReceipts whether to share read receipts (and see others')
 */
record SettingsRequest(@NotNull @Nullable Boolean readReceipts) {
}
