package com.acme.chat.wsmanager.handshake;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

import com.acme.chat.common.protocol.CloseCodes;

/**
 * What {@code /ws} is mapped to. Only {@link AuthenticatingWebSocketService} upgrades it,
 * and it calls {@link #handle(WebSocketSession, ConnectionPrincipal)} with the
 * authenticated principal; the plain {@link #handle(WebSocketSession)} exists for the
 * {@link WebSocketHandler} contract and refuses the connection.
 */
final class ChatEndpoint implements WebSocketHandler {

    private final AuthenticatedWebSocketHandler handler;

    ChatEndpoint(AuthenticatedWebSocketHandler handler) {
        this.handler = handler;
    }

    Mono<Void> handle(WebSocketSession session, ConnectionPrincipal principal) {
        return handler.handle(session, principal);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return session.close(new CloseStatus(CloseCodes.UNAUTHENTICATED, "unauthenticated"));
    }

}
