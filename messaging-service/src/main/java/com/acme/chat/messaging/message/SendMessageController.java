package com.acme.chat.messaging.message;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * Send-Message: {@code POST /api/v1/messages}, optional header {@code X-Device-Id}
 * (default {@code rest}). Answers 201 with the ack of a new message, or 200 with the
 * original ack ({@code duplicate: true}) for a retry.
 */
@RestController
class SendMessageController {

    private final MessageService messages;

    private final SendMessageValidator validator;

    SendMessageController(MessageService messages, MessagingProperties properties) {
        this.messages = messages;
        this.validator = new SendMessageValidator(properties.maxTextChars());
    }

    @PostMapping(path = "/api/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MessageAckView> send(@AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "X-Device-Id", required = false) @Nullable String device,
            @Valid @RequestBody SendMessageRequest request) {
        SendCommand command = validator.validate(request, device);
        MessageService.Outcome outcome = messages.send(UserDirectory.subject(jwt), command);
        return ResponseEntity.status(outcome.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
            .body(MessageAckView.of(outcome.message(), outcome.duplicate()));
    }

}
