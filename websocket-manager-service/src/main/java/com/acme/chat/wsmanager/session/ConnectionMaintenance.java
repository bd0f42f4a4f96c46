package com.acme.chat.wsmanager.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.routing.RouteRegistry;

/**
 * The timers of all connections on this instance, as two shared periodic tasks instead of
 * timers per connection (100k connections must not mean 100k scheduled tasks):
 * <ul>
 * <li><b>Route heartbeat</b>, every {@code heartbeat}: refreshes the TTL of every local
 * route in a few batched Redis scripts, so routes of a crashed handler vanish within
 * {@code route-ttl}. A route found missing (expired, Redis restarted) is written again;
 * one found naming another connection means the device connected elsewhere and the evict
 * message was lost, so the local connection is closed with 4001.</li>
 * <li><b>Sweep</b>, several times per heartbeat: closes connections silent for two
 * heartbeat intervals (4003) and connections whose token has expired (4002); drops the
 * TCP connection of a connection closed more than {@code close-grace} ago whose client
 * has not taken the close (a client that reads nothing, closed with 1013, would hold its
 * socket and queued frames for ever).</li>
 * </ul>
 * On shutdown every connection is closed with 1001 (going away, reconnect at once) before
 * the web server stops, and their routes are removed.
 */
@Component
class ConnectionMaintenance implements SmartLifecycle {

    static final CloseStatus HEARTBEAT_TIMEOUT = new CloseStatus(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(CloseCodes.TOKEN_EXPIRED, "token expired");

    static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "server shutting down");

    private static final Duration MIN_SWEEP = Duration.ofMillis(100);

    private static final Duration MAX_SWEEP = Duration.ofSeconds(5);

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ConnectionMaintenance.class);

    private final ConnectionRegistry registry;

    private final RouteRegistry routes;

    private final ChatWebSocketHandler handler;

    private final Duration heartbeat;

    private final long silenceLimitNanos;

    private final Duration sweepInterval;

    private final long closeGraceNanos;

    private volatile @Nullable Disposable refreshTask;

    private volatile @Nullable Disposable sweepTask;

    ConnectionMaintenance(ConnectionRegistry registry, RouteRegistry routes, ChatWebSocketHandler handler,
            WsManagerProperties properties) {
        this.registry = registry;
        this.routes = routes;
        this.handler = handler;
        this.heartbeat = properties.heartbeat();
        this.silenceLimitNanos = heartbeat.multipliedBy(2).toNanos();
        this.closeGraceNanos = properties.closeGrace().toNanos();
        Duration sweep = heartbeat.dividedBy(6);
        this.sweepInterval = sweep.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP
                : (sweep.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : sweep);
    }

    @Override
    public void start() {
        refreshTask = Flux.interval(heartbeat, heartbeat)
            .onBackpressureDrop()
            .concatMap(tick -> refreshRoutes(), 1)
            .subscribe();
        sweepTask = Flux.interval(sweepInterval, sweepInterval).onBackpressureDrop().subscribe(tick -> sweep());
    }

    Mono<Void> refreshRoutes() {
        List<RouteRegistry.LocalRoute> local = new ArrayList<>(registry.size());
        for (Connection connection : registry.all()) {
            if (!connection.isClosing()) {
                local.add(connection.localRoute());
            }
        }
        if (local.isEmpty()) {
            return Mono.empty();
        }
        return routes.refresh(local).doOnNext(this::replacedElsewhere).onErrorResume(ex -> {
            log.warn("Could not refresh {} routes; retrying next heartbeat: {}", local.size(), ex.toString());
            return Mono.empty();
        }).then();
    }

    private void replacedElsewhere(RouteRegistry.Replaced replaced) {
        RouteRegistry.LocalRoute ours = replaced.ours();
        if (replaced.current().handlerId().equals(routes.handlerId())) {
            // Another connection on this instance: the local registry decides, it already
            // closed the older one.
            return;
        }
        Connection connection = registry.get(Connection.deviceKey(ours.user(), ours.device()));
        if (connection != null && connection.connectionId().equals(ours.connectionId())) {
            log.debug("Route of {} now names handler {}; closing as replaced", connection,
                    replaced.current().handlerId());
            registry.replaced(connection);
        }
    }

    void sweep() {
        long now = System.nanoTime();
        Instant wallClock = Instant.now();
        for (Connection connection : registry.all()) {
            if (connection.isClosing()) {
                if (connection.closedLongerThan(closeGraceNanos, now)) {
                    log.debug("Dropping {}: its client has not taken the close", connection);
                    connection.abort();
                }
                continue;
            }
            Instant expiresAt = connection.principal().expiresAt();
            if (expiresAt != null && !wallClock.isBefore(expiresAt)) {
                log.debug("Closing {}: token expired", connection);
                registry.close(connection, TOKEN_EXPIRED, "token_expired");
            }
            else if (now - connection.lastInboundNanos() > silenceLimitNanos) {
                log.debug("Closing {}: no frame for two heartbeat intervals", connection);
                registry.close(connection, HEARTBEAT_TIMEOUT, "heartbeat_timeout");
            }
        }
    }

    @Override
    public void stop() {
        dispose(refreshTask);
        dispose(sweepTask);
        refreshTask = null;
        sweepTask = null;
        int open = registry.size();
        if (open > 0) {
            log.info("Closing {} WebSocket connections for shutdown", open);
        }
        for (Connection connection : registry.all()) {
            registry.close(connection, GOING_AWAY, "shutdown");
        }
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while ((registry.size() > 0 || handler.pendingCleanups() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void dispose(@Nullable Disposable task) {
        if (task != null) {
            task.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return refreshTask != null;
    }

}
