package com.acme.chat.messaging.conversation;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.messaging.message.ConversationHistory;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * {@code GET
 * /api/v1/conversations/{conversationId}/messages?afterSeq=&beforeSeq=&limit=}: paging
 * and gap repair by seq, members only.
 */
@RestController
class ConversationMessagesController {

    private final ConversationAccess access;

    private final ConversationHistory history;

    ConversationMessagesController(ConversationAccess access, ConversationHistory history) {
        this.access = access;
        this.history = history;
    }

    @GetMapping("/api/v1/conversations/{conversationId}/messages")
    ConversationMessagesView messages(@AuthenticationPrincipal Jwt jwt, @PathVariable String conversationId,
            @RequestParam(required = false) @Nullable Long afterSeq,
            @RequestParam(required = false) @Nullable Long beforeSeq,
            @RequestParam(required = false) @Nullable Integer limit) {
        ConversationId conversation = access.requireMember(conversationId, UserDirectory.subject(jwt));
        return new ConversationMessagesView(history.page(conversation, afterSeq, beforeSeq, limit));
    }

}
