package com.acme.chat.messaging.receipt;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/conversations/{conversationId}/read}: {@code {"seq": 42}}.
 *
 * @param seq everything up to and including this seq has been read
 */
record ReadRequest(@NotNull @PositiveOrZero @Nullable Long seq) {
}
