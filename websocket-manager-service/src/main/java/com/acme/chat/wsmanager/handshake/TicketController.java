package com.acme.chat.wsmanager.handshake;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.ratelimit.RateLimitProperties;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.kit.web.ChatException;

/**
 * {@code POST /api/v1/ws-tickets}: a browser (which cannot set headers on a WebSocket)
 * trades its bearer token for a single-use ticket valid for 30 s, and opens
 * {@code /ws?ticket=...} with it. The token never appears in a URL. Limited per client
 * address ({@code ticket-ip}, found as the handshake finds it) and per user
 * ({@code ticket}).
 */
@RestController
@Tag(name = "websocket", description = "Opening the WebSocket: tickets for browsers, the handshake")
class TicketController {

    private final TicketService tickets;

    private final HandshakeAuthenticator authenticator;

    TicketController(TicketService tickets, HandshakeAuthenticator authenticator) {
        this.tickets = tickets;
        this.authenticator = authenticator;
    }

    @PostMapping("/api/v1/ws-tickets")
    @Operation(summary = "Trade the bearer token for a single-use WebSocket ticket",
            description = "For browsers, which cannot set headers on a WebSocket: open the returned path (/ws?ticket=…) "
                    + "within 30 seconds. The ticket opens one connection, which lives as long as the token it was "
                    + "fetched with; the token itself never appears in a URL.")
    @ApiResponse(responseCode = "201", description = "Issued",
            content = @Content(schema = @Schema(implementation = TicketResponse.class)))
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNAUTHENTICATED, ErrorCode.RATE_LIMITED })
    Mono<ResponseEntity<TicketResponse>> create(JwtAuthenticationToken authentication,
            @RequestBody TicketRequest request, ServerHttpRequest http) {
        UserId user;
        DeviceId device;
        try {
            user = HandshakeAuthenticator.userId(authentication.getToken());
            device = HandshakeAuthenticator.deviceId(request.deviceId());
        }
        catch (HandshakeRejectedException ex) {
            return Mono.error(new ChatException(ex.code(), ex.getMessage()));
        }
        String address = authenticator.clientAddress(http);
        ConnectionPrincipal principal = new ConnectionPrincipal(user, device, authentication.getToken().getTokenValue(),
                authentication.getToken().getExpiresAt(), address);
        Mono<Void> addressAllowed = (address != null) ? authenticator.limit(RateLimitProperties.TICKET_IP, address)
                : Mono.empty();
        return addressAllowed.then(authenticator.limit(RateLimitProperties.TICKET, user.value()))
            .then(tickets.issue(principal))
            .map(issued -> ResponseEntity.status(HttpStatus.CREATED)
                .body(new TicketResponse(issued.ticket(), issued.expiresAt(), WebSocketEndpointConfig.PATH + "?"
                        + HandshakeAuthenticator.TICKET_PARAM + "=" + issued.ticket())));
    }

    /**
     * @param deviceId the device that will connect with the ticket
     */
    record TicketRequest(@Nullable String deviceId) {
    }

    /**
     * @param ticket the single-use ticket
     * @param expiresAt when it stops being accepted
     * @param path the WebSocket path to open, ticket included
     */
    record TicketResponse(String ticket, Instant expiresAt, String path) {
    }

}
