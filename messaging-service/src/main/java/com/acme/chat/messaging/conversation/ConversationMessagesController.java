package com.acme.chat.messaging.conversation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.messaging.message.ConversationHistory;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * {@code GET
 * /api/v1/conversations/{conversationId}/messages?afterSeq=&beforeSeq=&limit=}: paging
 * and gap repair by seq, members only.
 */
@RestController
@Tag(name = "conversations", description = "Paging, gap repair, read watermarks and receipts of one conversation")
class ConversationMessagesController {

    private final ConversationAccess access;

    private final ConversationHistory history;

    ConversationMessagesController(ConversationAccess access, ConversationHistory history) {
        this.access = access;
        this.history = history;
    }

    @GetMapping("/api/v1/conversations/{conversationId}/messages")
    @Operation(summary = "Messages of one conversation by seq",
            description = "With afterSeq: oldest first from afterSeq + 1 (bounded by beforeSeq when given), for gap "
                    + "repair. With only beforeSeq: newest first below it. With neither: the newest messages, newest "
                    + "first. Members only; a group member reads from the seq that added him up to the one that removed "
                    + "him.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_A_MEMBER, ErrorCode.UNKNOWN_CONVERSATION })
    ConversationMessagesView messages(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "d:<userA>:<userB> (sorted) or g:<groupId>") @PathVariable String conversationId,
            @Parameter(description = "Exclusive lower bound, at least 0") @RequestParam(
                    required = false) @Nullable Long afterSeq,
            @Parameter(description = "Exclusive upper bound, at least 1") @RequestParam(
                    required = false) @Nullable Long beforeSeq,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @RequestParam(
                    required = false) @Nullable Integer limit) {
        ConversationAccess.Reader reader = access.requireReader(conversationId, UserDirectory.subject(jwt));
        return new ConversationMessagesView(
                history.page(reader.conversation(), afterSeq, beforeSeq, limit, reader.firstSeq(), reader.lastSeq()));
    }

}
