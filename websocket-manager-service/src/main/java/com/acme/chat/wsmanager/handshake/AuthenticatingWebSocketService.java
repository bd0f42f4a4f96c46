package com.acme.chat.wsmanager.handshake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

import com.acme.chat.common.error.ErrorCode;

/**
 * Runs {@link HandshakeAuthenticator} before the upgrade of {@link ChatEndpoint}. On
 * success the upgraded session is handed to the endpoint together with the principal; on
 * failure the client gets a ProblemDetail and no upgrade.
 */
final class AuthenticatingWebSocketService implements WebSocketService {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatingWebSocketService.class);

    private final HandshakeAuthenticator authenticator;

    private final HandshakeWebSocketService delegate;

    private final JsonMapper json;

    AuthenticatingWebSocketService(HandshakeAuthenticator authenticator, HandshakeWebSocketService delegate,
            JsonMapper json) {
        this.authenticator = authenticator;
        this.delegate = delegate;
        this.json = json;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        if (!(handler instanceof ChatEndpoint endpoint)) {
            return delegate.handleRequest(exchange, handler);
        }
        return authenticator.authenticate(exchange.getRequest())
            .flatMap(principal -> delegate.handleRequest(exchange, session -> endpoint.handle(session, principal)))
            .onErrorResume(HandshakeRejectedException.class, rejected -> {
                log.debug("Rejected WebSocket handshake: {}", rejected.code().code());
                return ProblemResponses.write(exchange, json, rejected.code(), rejected.getMessage(),
                        rejected.retryAfter());
            })
            .onErrorResume(ex -> !exchange.getResponse().isCommitted() && isRedisFailure(ex), ex -> {
                log.warn("WebSocket handshake failed on a dependency: {}", ex.toString());
                return ProblemResponses.write(exchange, json, ErrorCode.SERVICE_UNAVAILABLE, "Try again later");
            });
    }

    private static boolean isRedisFailure(Throwable ex) {
        return ex instanceof DataAccessException;
    }

}
