package com.acme.chat.wsmanager.handshake;

import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.util.context.Context;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import com.acme.chat.common.protocol.CloseCodes;

/**
 * The upgrade of {@link ReactorNettyRequestUpgradeStrategy} (same steps, same session
 * type) with one addition: a {@link MessageSizeLimiter} in each connection's pipeline, so
 * that a message over the limit closes the connection with 1009 whether it came as one
 * frame (Netty's decoder, configured through {@code maxFramePayloadLength}, handles that)
 * or as several fragments (the limiter handles that).
 * <p>
 * An open connection must not keep its upgrade request alive (docs/adr/0003: at most 10
 * KB of heap per idle connection). Three things would, for the life of the socket:
 * <ul>
 * <li>the Reactor context of the HTTP request, which Reactor Netty hands to the
 * connection's subscriber: it holds the exchange (request, attributes, a WebSession), the
 * security context with the decoded JWT and the request's observation. The connection
 * therefore runs with an empty context; it needs nothing from it, the handshake passes
 * the principal explicitly.</li>
 * <li>the {@link HandshakeInfo} Spring would build: a copy of all request headers and a
 * principal that refers to the security context. The session gets one with the URI, the
 * remote address and the log prefix only (nothing here reads the handshake from the
 * session), so {@code handshakeInfoFactory} is not used.</li>
 * <li>Reactor Netty's own copies of the handshake's request and response headers
 * (including the bearer token), which nothing reads once the upgrade is done: they are
 * cleared when the connection starts.</li>
 * </ul>
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
        HandshakeInfo handshakeInfo = slimHandshakeInfo(exchange, subProtocol);
        NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
        WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder().maxFramePayloadLength(maxMessageBytes);
        if (subProtocol != null) {
            builder.protocols(subProtocol);
        }
        WebsocketServerSpec spec = builder.build();
        // Like Spring's strategy: commit the response first, so pre-commit actions
        // (headers) run before the upgrade.
        return response.setComplete().then(Mono.defer(() -> reactorResponse.sendWebsocket((in, out) -> {
            releaseHandshakeHeaders(in, out);
            in.withConnection(connection -> connection.addHandlerLast(MessageSizeLimiter.NAME,
                    new MessageSizeLimiter(maxMessageBytes, () -> out.sendClose(CloseCodes.TOO_BIG, "frame too large")
                        .subscribe(null, ex -> log.debug("Could not send close 1009: {}", ex.toString())))));
            ChatNettySession session = new ChatNettySession(in, out, handshakeInfo, bufferFactory, maxMessageBytes);
            return handler.handle(session);
        }, spec).contextWrite(context -> Context.empty())));
    }

    private static void releaseHandshakeHeaders(Object in, Object out) {
        // Reactor Netty's inbound and outbound are the upgraded HTTP exchange itself.
        if (in instanceof HttpServerRequest request) {
            request.requestHeaders().clear();
        }
        if (out instanceof HttpServerResponse upgraded) {
            upgraded.responseHeaders().clear();
        }
    }

    private static HandshakeInfo slimHandshakeInfo(ServerWebExchange exchange, @Nullable String subProtocol) {
        ServerHttpRequest request = exchange.getRequest();
        return new HandshakeInfo(request.getURI(), HttpHeaders.EMPTY, new LinkedMultiValueMap<>(0), Mono.empty(),
                subProtocol, request.getRemoteAddress(), Map.of(), exchange.getLogPrefix());
    }

}
