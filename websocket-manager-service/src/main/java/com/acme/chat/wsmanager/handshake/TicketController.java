package com.acme.chat.wsmanager.handshake;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;

/**
 * {@code POST /api/v1/ws-tickets}: a browser (which cannot set headers on a WebSocket)
 * trades its bearer token for a single-use ticket valid for 30 s, and opens
 * {@code /ws?ticket=...} with it. The token never appears in a URL.
 */
@RestController
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/v1/ws-tickets")
    Mono<ResponseEntity<TicketResponse>> create(JwtAuthenticationToken authentication,
            @RequestBody TicketRequest request) {
        UserId user;
        DeviceId device;
        try {
            user = HandshakeAuthenticator.userId(authentication.getToken());
            device = HandshakeAuthenticator.deviceId(request.deviceId());
        }
        catch (HandshakeRejectedException ex) {
            return Mono.error(new ChatException(ex.code(), ex.getMessage()));
        }
        ConnectionPrincipal principal = new ConnectionPrincipal(user, device, authentication.getToken().getTokenValue(),
                authentication.getToken().getExpiresAt());
        return tickets.issue(principal)
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
