package com.acme.chat.wsmanager.session;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.common.protocol.Hello;
import com.acme.chat.common.protocol.ProtocolLimits;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.downstream.MessagingClient;
import com.acme.chat.wsmanager.frame.FrameDispatcher;
import com.acme.chat.wsmanager.handshake.AuthenticatedWebSocketHandler;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;
import com.acme.chat.wsmanager.presence.PresencePublisher;
import com.acme.chat.wsmanager.routing.RouteRegistry;

/**
 * The {@code /ws} handler: one call per authenticated connection, for its whole life.
 * Runs on the connection's Netty event loop and never blocks it.
 * <p>
 * <b>Opening.</b> The connection becomes the device's connection on this instance (an
 * older local one is closed with 4001), then its route is claimed in Redis; an older
 * route on another handler gets an {@code evict} on that handler's channel. Only then is
 * {@code hello} queued, so it is always the first frame and the device is reachable when
 * the client sees it. Then the device's queue is read from relay and sent, oldest first
 * per conversation, while live pushes to the connection wait ({@link QueueReplay}); then
 * {@code device_connected} goes to Kafka (presence) and the user is registered at
 * messaging (fire-and-forget). If the route cannot be written the connection is closed
 * with 1011 and the client reconnects.
 * <p>
 * <b>Frames.</b> Each gets exactly one answer (see {@link FrameDispatcher}).
 * {@code send_message} frames are handled one after another in arrival order (a
 * connection's messages are stored in the order they were sent); acks, read marks and
 * pings are handled at once beside them, so they never wait behind a slow send, and their
 * answers may come before an earlier send's (answers carry the frame's id). At most
 * {@value #MAX_IN_FLIGHT} frames are in hand per connection; the next ones wait in
 * Reactor Netty's inbound buffer. Nothing blocks the event loop. Any frame, valid or not,
 * counts as a heartbeat. Binary frames are answered with {@code bad_request}; a text
 * frame that is not UTF-8 closes the connection with 1007; a message over
 * {@value ProtocolLimits#MAX_FRAME_BYTES} bytes closes the connection with 1009 in the
 * Netty pipeline.
 * <p>
 * <b>Closing.</b> The route is deleted only if it still names this connection (a newer
 * connection's route is never touched), and {@code device_disconnected} is published
 * after the {@code device_connected} of the same connection.
 */
@Component
class ChatWebSocketHandler implements AuthenticatedWebSocketHandler {

    /**
     * Inbound frames read ahead of the ones being handled; the rest wait in Netty
     * (back-pressure). One, because the read-ahead queue lives as long as the connection:
     * a larger one costs ~0.5 KB per idle connection (docs/adr/0003).
     */
    private static final int INBOUND_PREFETCH = 1;

    /**
     * Frames of one connection being handled at once (sends among them wait their turn in
     * the connection's {@link SendLane}); more wait in Netty.
     */
    private static final int MAX_IN_FLIGHT = 16;

    private static final CloseStatus TOO_BIG = new CloseStatus(CloseCodes.TOO_BIG, "frame too large");

    private static final CloseStatus INVALID_PAYLOAD = new CloseStatus(CloseCodes.INVALID_PAYLOAD,
            "text frame is not UTF-8");

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final ConnectionRegistry registry;

    private final RouteRegistry routes;

    private final FrameDispatcher dispatcher;

    private final PresencePublisher presence;

    private final MessagingClient messaging;

    private final QueueReplay replay;

    private final WsManagerProperties properties;

    private final OutboundBudget outboundBudget;

    private final int heartbeatSeconds;

    private final AtomicInteger pendingCleanups = new AtomicInteger();

    ChatWebSocketHandler(ConnectionRegistry registry, RouteRegistry routes, FrameDispatcher dispatcher,
            PresencePublisher presence, MessagingClient messaging, QueueReplay replay, WsManagerProperties properties,
            OutboundBudget outboundBudget) {
        this.replay = replay;
        this.outboundBudget = outboundBudget;
        this.registry = registry;
        this.routes = routes;
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.messaging = messaging;
        this.properties = properties;
        this.heartbeatSeconds = (int) Math.max(1, properties.heartbeat().toSeconds());
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, ConnectionPrincipal principal) {
        Connection connection = new Connection(session, principal, "c-" + UUID.randomUUID(),
                properties.outboundQueueLimit(), outboundBudget);
        connection.limitLookupAcks(properties.lookupAckBurst(), properties.lookupAcksPerSecond());
        Lifecycle lifecycle = new Lifecycle(connection);
        // Obtained now, not after opening: this installs Netty's frame aggregator before
        // hello can prompt the client
        // to send, so a fragmented first message is still reassembled. Frames wait in
        // Netty until subscribed.
        Flux<WebSocketMessage> frames = session.receive();
        Mono<Void> output = session.send(connection.outbound().map(session::textMessage))
            .then(Mono.defer(connection::closeFrame));
        Mono<Void> input = lifecycle.open()
            .flatMap(opened -> opened ? receive(connection, frames) : Mono.<Void>empty())
            .doFinally(signal -> connection.completeOutbound());
        return Mono.when(input, output)
            // A connection that breaks off (reset, write to a closed socket) is an
            // ordinary end, not a server error.
            .onErrorResume(ex -> {
                log.debug("{} ended abruptly: {}", connection, ex.toString());
                return Mono.empty();
            })
            .doFinally(signal -> lifecycle.closed());
    }

    /**
     * Cleanups (route delete, presence event) still running; the maintenance waits for
     * them on shutdown.
     */
    int pendingCleanups() {
        return pendingCleanups.get();
    }

    private Mono<Void> receive(Connection connection, Flux<WebSocketMessage> frames) {
        return frames
            // Copy the payload out at once: Netty releases the frame's buffer after this
            // callback.
            .map(Inbound::of)
            .doOnNext(inbound -> connection.touch())
            .flatMap(inbound -> process(connection, inbound), MAX_IN_FLIGHT, INBOUND_PREFETCH)
            .then();
    }

    private Mono<Void> process(Connection connection, Inbound inbound) {
        if (inbound.bytes() > ProtocolLimits.MAX_FRAME_BYTES) {
            // The Netty pipeline already closes with 1009 before this; kept so the limit
            // holds on any server.
            registry.close(connection, TOO_BIG, "too_big");
            return Mono.empty();
        }
        if (inbound.type() == WebSocketMessage.Type.BINARY) {
            return answer(connection, dispatcher.rejectBinary());
        }
        if (!inbound.utf8()) {
            // RFC 6455 §8.1: a text frame that is not UTF-8 fails the connection with
            // 1007.
            registry.close(connection, INVALID_PAYLOAD, "invalid_utf8");
            return Mono.empty();
        }
        String text = inbound.text();
        if (inbound.type() != WebSocketMessage.Type.TEXT || text == null) {
            return Mono.empty();
        }
        FrameDispatcher.Prepared frame = dispatcher.prepare(text);
        if (frame.ordered()) {
            return connection.sendLane()
                .submit(() -> answer(connection, frame.handle(connection.principal(), connection)));
        }
        return answer(connection, frame.handle(connection.principal(), connection));
    }

    private Mono<Void> answer(Connection connection, Mono<ServerFrame> answering) {
        return answering.doOnNext(answer -> registry.answer(connection, answer)).then();
    }

    /** Opening and closing of one connection; remembers what has to be undone. */
    private final class Lifecycle {

        private final Connection connection;

        private volatile boolean routed;

        private volatile @Nullable Disposable replaying;

        /**
         * Completes once {@code device_connected} is published or given up; null until it
         * was sent.
         */
        private volatile Sinks.@Nullable Empty<Void> connectedEvent;

        Lifecycle(Connection connection) {
            this.connection = connection;
        }

        Mono<Boolean> open() {
            ConnectionPrincipal principal = connection.principal();
            Connection previous = registry.put(connection);
            if (previous != null && previous != connection) {
                registry.replaced(previous);
            }
            // Through a future, so that the finished Redis call (its connection, keys and
            // arguments) is not kept
            // reachable from the connection's subscriber chain for the life of the
            // socket; cancelling still cancels it.
            return Mono
                .fromFuture(() -> routes.register(principal.userId(), principal.deviceId(), connection.connectionId())
                    .toFuture())
                .flatMap(replaced -> {
                    routed = true;
                    evictElsewhere(replaced);
                    Hello hello = new Hello(connection.connectionId(), principal.userId(), principal.deviceId(),
                            heartbeatSeconds, ProtocolLimits.MAX_FRAME_BYTES);
                    if (!registry.greet(connection, hello)) {
                        return Mono.just(false);
                    }
                    registry.metrics().opened();
                    log.debug("Opened {}", connection);
                    replaying = replay.start(connection);
                    // A sink rather than the cached publish: the connection only needs to
                    // know when it is done.
                    Sinks.Empty<Void> connected = Sinks.empty();
                    connectedEvent = connected;
                    presence
                        .connected(principal.userId(), principal.deviceId(), routes.handlerId(),
                                connection.connectionId())
                        .doFinally(signal -> connected.tryEmitEmpty())
                        .subscribe();
                    messaging.registerUser(principal)
                        .subscribe(null, ex -> log.warn("Could not register user {} at messaging: {}",
                                principal.userId(), ex.getMessage()));
                    return Mono.just(true);
                })
                .onErrorResume(ex -> {
                    log.warn("Could not register the route of {}, closing: {}", connection, ex.toString());
                    registry.close(connection, CloseStatus.SERVER_ERROR, "error");
                    return Mono.just(false);
                });
        }

        private void evictElsewhere(Optional<Route> replaced) {
            if (replaced.isEmpty()) {
                return;
            }
            Route old = replaced.get();
            if (old.connectionId().equals(connection.connectionId()) || old.handlerId().equals(routes.handlerId())) {
                // Same handler: the local registry already closed the older connection,
                // if it still existed.
                return;
            }
            routes.evictRemote(old)
                .subscribe(null, ex -> log.warn("Could not evict connection {} on handler {}: {}", old.connectionId(),
                        old.handlerId(), ex.toString()));
        }

        void closed() {
            registry.remove(connection);
            connection.release();
            Disposable running = replaying;
            if (running != null) {
                running.dispose();
            }
            if (!routed) {
                return;
            }
            ConnectionPrincipal principal = connection.principal();
            Sinks.Empty<Void> connected = connectedEvent;
            pendingCleanups.incrementAndGet();
            routes.unregister(principal.userId(), principal.deviceId(), connection.connectionId())
                .doOnNext(removed -> log.debug("Closed {} (route {})", connection, removed ? "removed" : "kept"))
                .onErrorResume(ex -> {
                    log.warn("Could not remove the route of {}; it expires by itself: {}", connection, ex.toString());
                    return Mono.empty();
                })
                .then(connected == null ? Mono.empty()
                        : connected.asMono()
                            .then(Mono.defer(() -> presence.disconnected(principal.userId(), principal.deviceId(),
                                    routes.handlerId(), connection.connectionId()))))
                .doFinally(signal -> pendingCleanups.decrementAndGet())
                .subscribe();
        }

    }

    /**
     * An inbound frame with its payload copied out of the Netty buffer.
     *
     * @param type the WebSocket frame type
     * @param text the text, for text frames
     * @param bytes the payload size
     * @param utf8 false for a text frame whose bytes are not UTF-8
     */
    record Inbound(WebSocketMessage.Type type, @Nullable String text, int bytes, boolean utf8) {

        static Inbound of(WebSocketMessage message) {
            DataBuffer payload = message.getPayload();
            int bytes = payload.readableByteCount();
            if (message.getType() == WebSocketMessage.Type.TEXT && bytes <= ProtocolLimits.MAX_FRAME_BYTES) {
                byte[] raw = new byte[bytes];
                payload.read(raw);
                try {
                    // Strictly: String's own decoding would turn invalid bytes into
                    // U+FFFD
                    // and the frame into something the client never sent.
                    String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw))
                        .toString();
                    return new Inbound(message.getType(), text, bytes, true);
                }
                catch (CharacterCodingException ex) {
                    return new Inbound(message.getType(), null, bytes, false);
                }
            }
            return new Inbound(message.getType(), null, bytes, true);
        }
    }

}
