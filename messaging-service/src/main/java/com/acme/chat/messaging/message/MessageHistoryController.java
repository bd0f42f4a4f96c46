package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * Get-Message: {@code GET /api/v1/messages?before=&limit=}, the caller's sent and
 * received messages across all conversations with {@code sentAt < before}, newest first:
 * his 1:1 timeline merged with the streams of his groups, within the seqs he may read
 * (docs/adr/0028).
 */
@RestController
@Tag(name = "messages")
class MessageHistoryController {

    private final MessageHistoryService history;

    private final MessagingProperties properties;

    private final Clock clock;

    MessageHistoryController(MessageHistoryService history, MessagingProperties properties, Clock clock) {
        this.history = history;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/v1/messages")
    @Operation(summary = "The caller's messages across all conversations (Get-Message)",
            description = "Messages the caller sent or received with sentAt before `before`, newest first, 1:1 and "
                    + "group messages alike (a group's from the seq that added the caller up to the one that removed "
                    + "him). Pass nextBefore as the next `before` to page further; it is null on the last page.")
    @ErrorResponses(ErrorCode.VALIDATION_FAILED)
    MessagePageView messages(@AuthenticationPrincipal Jwt jwt, @Parameter(
            description = "ISO-8601 instant, exclusive upper bound of sentAt (default: now; a later one counts as now, an earlier one than 1970 as 1970)") @RequestParam(
                    required = false) @Nullable String before,
            @Parameter(
                    description = "Page size, 1 to chat.messaging.max-history-page-size (200; default 50)") @RequestParam(
                            required = false) @Nullable Integer limit) {
        UserId user = UserDirectory.subject(jwt);
        Instant until = PageLimits.before("before", before, clock.instant());
        int size = PageLimits.limit(limit, properties.historyPageSize(), properties.maxHistoryPageSize());
        TimelinePager.Page<MessageView> page = history.page(user, until, size);
        return new MessagePageView(page.items(), page.nextBefore());
    }

}
