package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Answer of Get-Message: {@code {"messages": [...], "nextBefore": "..." | null}}.
 *
 * @param messages newest first
 * @param nextBefore the {@code before} of the next page; null on the last page
 */
record MessagePageView(List<MessageView> messages,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant nextBefore) {
}
