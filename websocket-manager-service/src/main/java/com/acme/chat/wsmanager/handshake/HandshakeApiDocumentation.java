package com.acme.chat.wsmanager.handshake;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.protocol.ProtocolLimits;
import com.acme.chat.kit.openapi.BearerScheme;
import com.acme.chat.kit.openapi.ProblemResponses;

/**
 * Puts the {@code GET /ws} handshake into the OpenAPI document: springdoc documents
 * controllers only, and {@code /ws} is a handler mapping. The HTTP part is documented
 * here (parameters, the two ways to authenticate, every rejection
 * {@link HandshakeAuthenticator} and {@link AuthenticatingWebSocketService} answer with);
 * the frames after the upgrade are in {@code docs/asyncapi.yaml}.
 */
@Configuration(proxyBeanMethods = false)
class HandshakeApiDocumentation {

    @Bean
    OpenApiCustomizer webSocketHandshakeDocumentation() {
        return openApi -> openApi.getPaths().addPathItem(WebSocketEndpointConfig.PATH, new PathItem().get(handshake()));
    }

    static Operation handshake() {
        Operation operation = new Operation().operationId("openWebSocket")
            .summary("Open the chat WebSocket")
            .description("An HTTP/1.1 upgrade to WebSocket (RFC 6455). Native clients send "
                    + "`Authorization: Bearer <token>` and `deviceId`; browsers send the `ticket` from POST "
                    + "/api/v1/ws-tickets instead (no header). A browser's `Origin` must be allowed "
                    + "(chat.wsmanager.allowed-origins). After `101` the server sends `hello`, then text frames of "
                    + "at most " + ProtocolLimits.MAX_FRAME_BYTES + " bytes as described in docs/asyncapi.yaml and "
                    + "docs/protocol.md. A rejected handshake is a ProblemDetail and opens no WebSocket.")
            .addTagsItem("websocket")
            .addParametersItem(new Parameter().in("query")
                .name(HandshakeAuthenticator.DEVICE_PARAM)
                .description("The connecting device (1-128 characters, no whitespace, none of / \\ ? # %, not *); "
                        + "required with a bearer token, ignored with a ticket (the ticket names the device)")
                .schema(new StringSchema().maxLength(128)))
            .addParametersItem(new Parameter().in("query")
                .name(HandshakeAuthenticator.TICKET_PARAM)
                .description("A single-use ticket from POST /api/v1/ws-tickets, instead of a bearer token")
                .schema(new StringSchema().minLength(Tickets.LENGTH).maxLength(Tickets.LENGTH)));
        // Either a bearer token or (the empty requirement) a ticket in the query.
        operation.setSecurity(new ArrayList<>(
                List.of(new SecurityRequirement().addList(BearerScheme.NAME), new SecurityRequirement())));
        operation.setResponses(new ApiResponses().addApiResponse("101",
                new ApiResponse().description("Switching Protocols: the WebSocket is open; the first frame is hello")));
        ProblemResponses.add(operation, List.of(ErrorCode.VALIDATION_FAILED, ErrorCode.UNAUTHENTICATED,
                ErrorCode.TOKEN_EXPIRED, ErrorCode.FORBIDDEN, ErrorCode.SERVICE_UNAVAILABLE));
        return operation;
    }

}
