package com.acme.chat.wsmanager.session;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.downstream.DownstreamException;
import com.acme.chat.wsmanager.downstream.RelayClient;
import com.acme.chat.wsmanager.downstream.ReplayPage;

/**
 * Hands a new connection its device's queue before any live push: reads the queue from
 * relay page by page ({@code POST /api/v1/devices/{deviceId}/replay}) and queues each
 * message on the socket, while the connection holds live pushes back; then lets the held
 * pushes follow, minus what the replay carried (see {@link Connection}).
 * <ul>
 * <li><b>Back-pressure.</b> The next page is read only once the socket's outbox has room
 * for it; a client that reads nothing for {@code chat.wsmanager.replay-stall-timeout} is
 * closed with 1013, as any too-slow client.</li>
 * <li><b>Relay away.</b> A failed or timed-out read is retried with back-off (200 ms up
 * to 5 s) for as long as the connection is open; the client can send meanwhile, and live
 * pushes wait (bounded by the outbox limit). A non-retryable answer (a 4xx) closes the
 * connection with 1011; the client reconnects with back-off.</li>
 * <li><b>Late duplicates.</b> For {@code chat.wsmanager.replay-dedupe-window} after the
 * replay, a live push of a message the replay carried is dropped.</li>
 * </ul>
 */
@Component
class QueueReplay {

    static final CloseStatus REPLAY_FAILED = new CloseStatus(CloseStatus.SERVER_ERROR.getCode(),
            "could not read the queue");

    static final CloseStatus TOO_MANY_DEVICES = new CloseStatus(CloseCodes.TOO_MANY_DEVICES,
            ErrorCode.TOO_MANY_DEVICES.code());

    private static final Logger log = LoggerFactory.getLogger(QueueReplay.class);

    private static final Duration ROOM_POLL = Duration.ofMillis(10);

    private final RelayClient relay;

    private final ConnectionRegistry registry;

    private final int pageSize;

    private final int roomNeeded;

    private final long roomNeededBytes;

    private final Duration stallTimeout;

    private final Duration dedupeWindow;

    QueueReplay(RelayClient relay, ConnectionRegistry registry, WsManagerProperties properties) {
        this.relay = relay;
        this.registry = registry;
        int limit = properties.outboundQueueLimit();
        this.pageSize = Math.max(1, Math.min(properties.replayPageSize(), limit / 2));
        this.roomNeeded = limit - pageSize;
        this.roomNeededBytes = properties.outboundQueueBytes().toBytes() / 2;
        this.stallTimeout = properties.replayStallTimeout();
        this.dedupeWindow = properties.replayDedupeWindow();
    }

    /**
     * Starts the replay of a connection that has just been greeted.
     * @return the running replay; disposing it stops it
     */
    Disposable start(Connection connection) {
        return Mono.defer(() -> read(connection, null))
            .expand(page -> (page.next() == null || connection.isClosing()) ? Mono.empty()
                    : room(connection).then(read(connection, page.next())))
            .then(Mono.fromRunnable(() -> finish(connection)))
            .subscribe(null, ex -> failed(connection, ex));
    }

    private Mono<ReplayPage> read(Connection connection, ReplayPage.@Nullable Position after) {
        return relay.replay(connection.principal(), after, pageSize)
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .filter(ex -> retryable(ex) && !connection.isClosing())
                .doBeforeRetry(signal -> log.debug("Replay of {} failed, retrying: {}", connection,
                        signal.failure().toString())))
            .doOnNext(page -> {
                for (MessageFrame message : page.messages()) {
                    if (!registry.replayed(connection, message)) {
                        return;
                    }
                }
                for (ResyncFrame resync : page.resyncs()) {
                    if (!registry.replayed(connection, resync)) {
                        return;
                    }
                }
            });
    }

    /**
     * Completes once the outbox has room for a page (or the connection is closing): at
     * most {@code limit - pageSize} frames and half the byte bound waiting. A page may
     * take the outbox past its byte bound (replayed frames are exempt from it, so one
     * page of long messages cannot close the connection and start the replay over); this
     * wait is what bounds the replay instead.
     */
    private Mono<Void> room(Connection connection) {
        if (hasRoom(connection)) {
            return Mono.empty();
        }
        return Flux.interval(ROOM_POLL)
            .filter(tick -> hasRoom(connection) || connection.isClosing())
            .next()
            .timeout(stallTimeout)
            .then();
    }

    private boolean hasRoom(Connection connection) {
        return connection.waiting() <= roomNeeded && connection.waitingBytes() <= roomNeededBytes;
    }

    private void finish(Connection connection) {
        if (registry.replayDone(connection)) {
            Mono.delay(dedupeWindow).subscribe(tick -> connection.forgetReplayed());
        }
    }

    private void failed(Connection connection, Throwable ex) {
        if (connection.isClosing()) {
            return;
        }
        if (ex instanceof java.util.concurrent.TimeoutException) {
            log.warn("Closing {}: it read nothing of its queue replay for {}", connection, stallTimeout);
            registry.close(connection, ConnectionRegistry.TRY_AGAIN_LATER, "slow_consumer");
            return;
        }
        if (ex instanceof DownstreamException refused && ErrorCode.TOO_MANY_DEVICES.code().equals(refused.code())) {
            log.debug("Closing {}: one device more than the user may have", connection);
            registry.close(connection, TOO_MANY_DEVICES, "too_many_devices");
            return;
        }
        log.warn("Closing {}: its queue could not be read: {}", connection, ex.toString());
        registry.close(connection, REPLAY_FAILED, "replay_failed");
    }

    private static boolean retryable(Throwable ex) {
        if (ex instanceof DownstreamException downstream) {
            return downstream.kind() != DownstreamException.Kind.PROBLEM || downstream.status() >= 500;
        }
        return false;
    }

}
