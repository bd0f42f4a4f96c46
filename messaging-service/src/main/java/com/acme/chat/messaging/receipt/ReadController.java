package com.acme.chat.messaging.receipt;

import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * {@code POST /api/v1/conversations/{conversationId}/read} (204, the REST twin of
 * {@code mark_read}), {@code GET /api/v1/conversations/{conversationId}/receipts} and
 * {@code GET /api/v1/conversations/{conversationId}/messages/{seq}/receipts}; members
 * only ({@code not_a_member} otherwise).
 */
@RestController
@Tag(name = "conversations")
@ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_A_MEMBER, ErrorCode.UNKNOWN_CONVERSATION })
class ReadController {

    private final ReceiptService receipts;

    ReadController(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @PostMapping("/api/v1/conversations/{conversationId}/read")
    @Operation(summary = "Move the caller's read watermark forward",
            description = "The REST twin of the mark_read frame: everything up to and including seq has been read. "
                    + "Watermarks only move forward; a lower seq changes nothing. seq must exist in the conversation. "
                    + "The other members get a READ receipt.")
    @ApiResponse(responseCode = "204", description = "Stored (or already at or beyond seq)")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable String conversationId,
            @Valid @RequestBody ReadRequest request) {
        receipts.markRead(UserDirectory.subject(jwt), conversationId, Objects.requireNonNull(request.seq()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/conversations/{conversationId}/receipts")
    @Operation(summary = "Delivered and read watermarks of every member",
            description = "What a client missed while offline; receipts are pushed live only to connected devices. "
                    + "A read position is 0 unless both you and its member share read receipts (your own excepted).")
    ConversationReceiptsView receipts(@AuthenticationPrincipal Jwt jwt, @PathVariable String conversationId) {
        return receipts.list(UserDirectory.subject(jwt), conversationId);
    }

    @GetMapping("/api/v1/conversations/{conversationId}/messages/{seq}/receipts")
    @Operation(summary = "Who received and read one message",
            description = "Each member who could receive the message (a member of the group at its seq, the sender "
                    + "excluded) with delivered and read flags and times, and the counts. Members only, and only a "
                    + "seq you may read; read state follows the read receipts setting on both sides.")
    MessageReceiptsView messageReceipts(@AuthenticationPrincipal Jwt jwt, @PathVariable String conversationId,
            @PathVariable long seq) {
        return receipts.ofMessage(UserDirectory.subject(jwt), conversationId, seq);
    }

}
