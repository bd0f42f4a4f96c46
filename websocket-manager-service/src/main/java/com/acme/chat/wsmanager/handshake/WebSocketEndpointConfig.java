package com.acme.chat.wsmanager.handshake;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

import com.acme.chat.common.protocol.ProtocolLimits;

/**
 * Maps {@code GET /ws} to the chat handler. The size limit is enforced in the Netty
 * pipeline: a message larger than {@link ProtocolLimits#MAX_FRAME_BYTES} closes the
 * connection with 1009 before any of our code sees it (see {@link ChatUpgradeStrategy}).
 * The path is a public path of the security chain; {@link AuthenticatingWebSocketService}
 * authenticates it instead, so that a ticket (no header) works as well as a bearer token.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketEndpointConfig {

    static final String PATH = "/ws";

    @Bean
    HandlerMapping chatWebSocketMapping(AuthenticatedWebSocketHandler chatWebSocketHandler) {
        return new SimpleUrlHandlerMapping(Map.of(PATH, new ChatEndpoint(chatWebSocketHandler)), -1);
    }

    @Bean
    WebSocketHandlerAdapter chatWebSocketHandlerAdapter(HandshakeAuthenticator authenticator, JsonMapper json) {
        ChatUpgradeStrategy upgrade = new ChatUpgradeStrategy(ProtocolLimits.MAX_FRAME_BYTES);
        return new WebSocketHandlerAdapter(
                new AuthenticatingWebSocketService(authenticator, new HandshakeWebSocketService(upgrade), json));
    }

}
