package com.acme.chat.messaging.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.admission.AdmissionGate;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.shard.NotOwnerException;
import com.acme.chat.messaging.shard.SendForwarder;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * Send-Message: {@code POST /api/v1/messages}, optional header {@code X-Device-Id}
 * (default {@code rest}). Answers 201 with the ack of a new message, or 200 with the
 * original ack ({@code duplicate: true}) for a retry. Past
 * {@code chat.admission.max-in-flight-sends} sends in flight in this instance, a send is
 * refused at once with {@code 503 overloaded} and {@code Retry-After}, before anything is
 * stored.
 */
@RestController
@Tag(name = "messages", description = "Send-Message and Get-Message")
class SendMessageController {

    private static final String PATH = "/api/v1/messages";

    private final MessageService messages;

    private final SendForwarder forwarder;

    private final SendMessageValidator validator;

    private final AdmissionGate admission;

    SendMessageController(MessageService messages, SendForwarder forwarder, MessagingProperties properties,
            AdmissionGate admission) {
        this.messages = messages;
        this.forwarder = forwarder;
        this.validator = new SendMessageValidator(properties.maxTextChars());
        this.admission = admission;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a message",
            description = "The REST twin of the send_message frame. The sender is the token's subject. Idempotent on "
                    + "(sender, clientMsgId): a retry answers the original ack with duplicate: true and stores nothing "
                    + "new; the same clientMsgId with other content is duplicate_mismatch. The answer comes only once "
                    + "the message is stored and its events are acknowledged by Kafka; service_unavailable means "
                    + "retry with the same clientMsgId. overloaded means not stored: retry after Retry-After.")
    @ApiResponse(responseCode = "201", description = "Stored: the ack of a new message",
            content = @Content(schema = @Schema(implementation = MessageAckView.class)))
    @ApiResponse(responseCode = "200", description = "A retry: the ack of the message stored earlier (duplicate: true)",
            content = @Content(schema = @Schema(implementation = MessageAckView.class)))
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.TEXT_TOO_LONG, ErrorCode.MEDIA_UNAVAILABLE,
            ErrorCode.UNKNOWN_USER, ErrorCode.NOT_A_MEMBER, ErrorCode.DUPLICATE_MISMATCH, ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.OVERLOADED })
    ResponseEntity<?> send(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "Which of the caller's devices sent it (default: rest)") @RequestHeader(
                    name = "X-Device-Id", required = false) @Nullable String device,
            @Valid @RequestBody SendMessageRequest request, @RequestHeader HttpHeaders headers,
            HttpServletRequest http) {
        SendCommand command = validator.validate(request, device);
        if (!admission.tryEnter()) {
            throw admission.overloaded("send");
        }
        try {
            MessageService.Outcome outcome;
            try {
                // The client's address: Tomcat's RemoteIpValve has read X-Forwarded-For
                // of the trusted proxies (chat.web.trusted-proxies).
                outcome = messages.send(UserDirectory.subject(jwt), http.getRemoteAddr(), command);
            }
            catch (NotOwnerException ex) {
                // Another instance writes this conversation (ADR 0014): it answers, once.
                return forwarder.forward(ex, PATH, request, headers, http.getRemoteAddr());
            }
            return ResponseEntity.status(outcome.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(MessageAckView.of(outcome.message(), outcome.duplicate()));
        }
        finally {
            admission.exit();
        }
    }

}
