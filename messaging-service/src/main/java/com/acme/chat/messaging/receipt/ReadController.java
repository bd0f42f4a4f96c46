package com.acme.chat.messaging.receipt;

import java.util.Objects;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.messaging.user.UserDirectory;

/**
 * {@code POST /api/v1/conversations/{conversationId}/read} (204, the REST twin of
 * {@code mark_read}) and {@code GET /api/v1/conversations/{conversationId}/receipts};
 * members only.
 */
@RestController
class ReadController {

    private final ReceiptService receipts;

    ReadController(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @PostMapping("/api/v1/conversations/{conversationId}/read")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable String conversationId,
            @Valid @RequestBody ReadRequest request) {
        receipts.markRead(UserDirectory.subject(jwt), conversationId, Objects.requireNonNull(request.seq()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/conversations/{conversationId}/receipts")
    ConversationReceiptsView receipts(@AuthenticationPrincipal Jwt jwt, @PathVariable String conversationId) {
        return receipts.list(UserDirectory.subject(jwt), conversationId);
    }

}
