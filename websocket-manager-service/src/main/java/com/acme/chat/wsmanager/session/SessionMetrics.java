package com.acme.chat.wsmanager.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The session layer's meters. Tags are low-cardinality: frame types, error codes and
 * close reasons come from fixed sets (unknown values are folded into {@code other});
 * never a user or connection id.
 * <ul>
 * <li>{@code chat.wsmanager.connections.active} (gauge),
 * {@code chat.wsmanager.connections.opened}</li>
 * <li>{@code chat.wsmanager.connections.closed{reason}}: server-initiated closes
 * (replaced, heartbeat_timeout, token_expired, slow_consumer, too_big, shutdown, error,
 * replay_failed)</li>
 * <li>{@code chat.wsmanager.connections.evicted}: connections replaced by a newer one of
 * the same device</li>
 * <li>{@code chat.wsmanager.frames.sent{type}},
 * {@code chat.wsmanager.errors.sent{code}}</li>
 * <li>{@code chat.wsmanager.pushes.duplicate}: live pushes dropped because the
 * connection's queue replay had handed the message over</li>
 * </ul>
 */
final class SessionMetrics {

    private final MeterRegistry meters;

    private final Counter opened;

    private final Counter evicted;

    private final Counter duplicates;

    private final Map<String, Counter> sent = new ConcurrentHashMap<>();

    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    private final Map<String, Counter> closed = new ConcurrentHashMap<>();

    SessionMetrics(MeterRegistry meters, Supplier<Number> active) {
        this.meters = meters;
        Gauge.builder("chat.wsmanager.connections.active", active)
            .description("WebSocket connections open on this instance")
            .register(meters);
        this.opened = Counter.builder("chat.wsmanager.connections.opened")
            .description("Authenticated WebSocket connections opened")
            .register(meters);
        this.evicted = Counter.builder("chat.wsmanager.connections.evicted")
            .description("Connections closed with 4001 because the same device connected again")
            .register(meters);
        this.duplicates = Counter.builder("chat.wsmanager.pushes.duplicate")
            .description("Live pushes dropped because the connection's queue replay had handed the message over")
            .register(meters);
    }

    void duplicateDropped() {
        duplicates.increment();
    }

    void opened() {
        opened.increment();
    }

    void evicted() {
        evicted.increment();
    }

    void sent(String type) {
        sent.computeIfAbsent(type,
                t -> Counter.builder("chat.wsmanager.frames.sent")
                    .description("Server frames queued for clients, by frame type")
                    .tag("type", t)
                    .register(meters))
            .increment();
    }

    void error(String code) {
        errors
            .computeIfAbsent(code,
                    c -> Counter.builder("chat.wsmanager.errors.sent")
                        .description("Error frames sent to clients, by error code")
                        .tag("code", c)
                        .register(meters))
            .increment();
    }

    void closed(String reason) {
        closed
            .computeIfAbsent(reason,
                    r -> Counter.builder("chat.wsmanager.connections.closed")
                        .description("Connections closed by the server, by reason")
                        .tag("reason", r)
                        .register(meters))
            .increment();
    }

}
