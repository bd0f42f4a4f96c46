package com.acme.chat.wsmanager.handshake;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Handles a WebSocket whose handshake {@link HandshakeAuthenticator} accepted. The
 * principal is handed over directly rather than through session attributes: WebFlux fills
 * those from the HTTP {@code WebSession}, and creating one per connection would cost
 * memory and a session cookie for nothing.
 */
public interface AuthenticatedWebSocketHandler {

    /**
     * @param session the upgraded connection
     * @param principal who it belongs to
     * @return completes when the connection is done
     */
    Mono<Void> handle(WebSocketSession session, ConnectionPrincipal principal);

}
