package com.acme.chat.relay.ack;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.relay.queue.QueuedRef;
import com.acme.chat.relay.web.RequestIds;

/**
 * {@code POST /api/v1/devices/{deviceId}/acks}: a device of the authenticated user (the
 * token's subject) confirms it has stored some messages of one conversation; they leave
 * that device's queue. Called by websocket-manager for the {@code ack_delivery} frame,
 * with the user's token.
 */
@RestController
@Tag(name = "delivery acks", description = "A device confirms received messages; they leave its queue")
class AckController {

    private final AckService acks;

    AckController(AckService acks) {
        this.acks = acks;
    }

    @PostMapping("/api/v1/devices/{deviceId}/acks")
    @Operation(summary = "Acknowledge received messages of one conversation",
            description = "What websocket-manager calls for the ack_delivery frame, with the user's token; clients "
                    + "normally send the frame. Idempotent: ids acked before or never queued for the device count "
                    + "as nothing. The DELIVERED receipt is acknowledged by Kafka before the rows are removed, so "
                    + "after service_unavailable the same ack may be retried.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNAUTHENTICATED, ErrorCode.SERVICE_UNAVAILABLE })
    AckResponse ack(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "One of the caller's devices") @PathVariable String deviceId,
            @Valid @RequestBody AckRequest request) {
        UserId user = RequestIds.caller(jwt);
        DeviceId device = RequestIds.device(deviceId);
        ConversationId conversation = RequestIds.parse(request.conversationId(), ConversationId::of,
                ErrorCode.VALIDATION_FAILED, "conversationId");
        List<MessageId> messageIds = request.messageIds()
            .stream()
            .map(id -> RequestIds.parse(id, MessageId::of, ErrorCode.VALIDATION_FAILED, "messageIds"))
            .toList();
        List<QueuedRef> keys = (request.refs() == null) ? null
                : request.refs()
                    .stream()
                    .map(key -> new QueuedRef(RequestIds.parse(key.messageId(), MessageId::of,
                            ErrorCode.VALIDATION_FAILED, "refs.messageId"), key.seq(), key.sentAt()))
                    .toList();
        return new AckResponse(acks.ack(user, device, conversation, messageIds, keys));
    }

}
