package com.acme.chat.wsmanager.handshake;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import com.acme.chat.common.protocol.CloseCodes;

/**
 * The upgrade of {@link ReactorNettyRequestUpgradeStrategy} (same steps, same session type) with one addition: a
 * {@link MessageSizeLimiter} in each connection's pipeline, so that a message over the limit closes the connection
 * with 1009 whether it came as one frame (Netty's decoder, configured through {@code maxFramePayloadLength}, handles
 * that) or as several fragments (the limiter handles that).
 */
final class ChatUpgradeStrategy implements RequestUpgradeStrategy {

    private static final Logger log = LoggerFactory.getLogger(ChatUpgradeStrategy.class);

    private final int maxMessageBytes;

    ChatUpgradeStrategy(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse reactorResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder().maxFramePayloadLength(maxMessageBytes);
        if (subProtocol != null) {
            builder.protocols(subProtocol);
        }
        WebsocketServerSpec spec = builder.build();
        // Like Spring's strategy: commit the response first, so pre-commit actions (headers) run before the upgrade.
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
            in.withConnection(connection -> connection.addHandlerLast(MessageSizeLimiter.NAME,
                    new MessageSizeLimiter(maxMessageBytes, () -> out
                        .sendClose(CloseCodes.TOO_BIG, "frame too large")
                        .subscribe(null, ex -> log.debug("Could not send close 1009: {}", ex.toString())))));
            ReactorNettyWebSocketSession session = new ReactorNettyWebSocketSession(in, out, handshakeInfo,
                    bufferFactory, maxMessageBytes);
            return handler.handle(session);
        }, spec)));
    }
}
