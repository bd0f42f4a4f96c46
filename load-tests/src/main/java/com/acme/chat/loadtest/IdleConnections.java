package com.acme.chat.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idle connections: opens {@code connections} WebSockets for {@code users} users (each
 * user gets {@code connections / users} devices with distinct device ids), at a bounded
 * connect rate, keeps every one alive with the protocol's heartbeat ({@code ping} every
 * {@code heartbeatIntervalSeconds} from {@code hello}, phases spread so the server sees
 * an even trickle; docs/protocol.md section 7), holds them, reports how many stayed open,
 * then closes them with 1000. Used to measure the handler's heap, threads and CPU per
 * idle connection (docs/adr/0003); the measurement itself (jcmd on the handler) is done
 * from outside while the connections are held.
 *
 * <p>
 * Arguments ({@code --name=value}): connections (10000), users (500), hold s (60), rate
 * connects/s (500), inflight handshakes at most (200), ws (ws://127.0.0.1:8080/ws), api
 * (http://127.0.0.1:8081).
 */
public final class IdleConnections {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = DevApi.HTTP;

    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final int connections;

    private final int users;

    private final int holdSeconds;

    private final int rate;

    private final int inflight;

    private final String ws;

    private final String api;

    private final List<Conn> open = new ArrayList<>();

    /**
     * Connections that got hello, for the heartbeat task (filled from client threads
     * while connecting).
     */
    private final List<Conn> heartbeatList = new ArrayList<>();

    private final Map<String, AtomicLong> connectFailures = new ConcurrentHashMap<>();

    /** Closes (and errors) the client did not ask for, by close code or error. */
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    private final Map<String, AtomicLong> unexpectedFrames = new ConcurrentHashMap<>();

    private final Histogram handshakeMicros = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);

    private final AtomicLong pingsSent = new AtomicLong();

    private final AtomicLong pongsReceived = new AtomicLong();

    private volatile boolean closing;

    IdleConnections(Map<String, String> options) {
        this.connections = Integer.parseInt(options.getOrDefault("connections", "10000"));
        this.users = Math.min(connections, Integer.parseInt(options.getOrDefault("users", "500")));
        this.holdSeconds = Integer.parseInt(options.getOrDefault("hold", "60"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "500"));
        this.inflight = Integer.parseInt(options.getOrDefault("inflight", "200"));
        this.ws = options.getOrDefault("ws", "ws://127.0.0.1:8080/ws");
        this.api = options.getOrDefault("api", "http://127.0.0.1:8081");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DevApi.options(args);
        new IdleConnections(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 6);
        int devicesPerUser = (connections + users - 1) / users;
        System.out.printf(
                "idle: %d connections = %d users x up to %d devices, at most %d connects/s (%d in flight), "
                        + "hold %d s, run %s%n",
                connections, users, devicesPerUser, rate, inflight, holdSeconds, runId);

        // Tokens must outlive connecting and holding, else the server closes with 4002.
        long ttl = Math.min(86_400, Math.max(3_600, holdSeconds + 2L * connections / Math.max(1, rate) + 600));
        long tokensStart = System.nanoTime();
        String[] tokens = new String[users];
        for (int u = 0; u < users; u++) {
            tokens[u] = DevApi.token(api, userId(runId, u), ttl);
        }
        System.out.printf("idle: %d tokens in %.1f s (ttl %d s)%n", users, (System.nanoTime() - tokensStart) / 1e9,
                ttl);

        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleAtFixedRate(this::heartbeat, 200, 200, TimeUnit.MILLISECONDS);

        // Connection i is device i / users of user i % users: every (user, device) pair
        // is distinct.
        Semaphore slots = new Semaphore(inflight);
        List<CompletableFuture<Conn>> connecting = new ArrayList<>(connections);
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            long wait = start + (long) (i * intervalNanos) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            slots.acquire();
            int user = i % users;
            Conn conn = new Conn(this, userId(runId, user), "d" + (i / users));
            long begin = System.nanoTime();
            connecting.add(conn.connect(ws, tokens[user]).whenComplete((ok, ex) -> {
                slots.release();
                if (ex == null) {
                    handshakeMicros.recordValue(Math.max(0, (System.nanoTime() - begin) / 1000));
                }
                else {
                    count(connectFailures, reason(ex));
                    conn.abort();
                }
            }));
            if ((i + 1) % Math.max(1, connections / 10) == 0) {
                System.out.printf("idle: %d attempted, %d failed so far%n", i + 1, sum(connectFailures));
            }
        }
        for (CompletableFuture<Conn> future : connecting) {
            try {
                open.add(future.get(HELLO_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
            }
            catch (ExecutionException | TimeoutException ex) {
                // counted in connectFailures (a TimeoutException here means the future
                // never completed at all)
                if (ex instanceof TimeoutException) {
                    count(connectFailures, "no answer");
                }
            }
        }
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "idle: %d open, %d failed; connect rate %.0f/s (%d in %.1f s); "
                        + "handshake to hello ms p50 %.1f p99 %.1f max %.1f%n",
                open.size(), sum(connectFailures), open.size() / connectSeconds, open.size(), connectSeconds,
                handshakeMicros.getValueAtPercentile(50) / 1000.0, handshakeMicros.getValueAtPercentile(99) / 1000.0,
                handshakeMicros.getMaxValue() / 1000.0);
        if (!connectFailures.isEmpty()) {
            System.out.printf("idle: connect failures %s%n", new TreeMap<>(connectFailures));
        }

        System.out.printf("idle: holding %d open connections for %d s%n", open.size(), holdSeconds);
        long holdEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
        long nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < holdEnd) {
            TimeUnit.MILLISECONDS.sleep(Math.min(500, Math.max(1, (holdEnd - System.nanoTime()) / 1_000_000)));
            if (System.nanoTime() >= nextStatus) {
                nextStatus += TimeUnit.SECONDS.toNanos(10);
                System.out.printf("idle: %d open, dropped %s, pings %d, pongs %d%n", stillOpen(),
                        new TreeMap<>(dropped), pingsSent.get(), pongsReceived.get());
            }
        }

        int stillOpen = stillOpen();
        System.out.println();
        System.out.println("=== idle connections ===");
        System.out.printf("requested            %d (%d users x up to %d devices)%n", connections, users,
                devicesPerUser);
        System.out.printf("opened               %d%n", open.size());
        System.out.printf("failed to open       %d %s%n", sum(connectFailures), new TreeMap<>(connectFailures));
        System.out.printf("connect rate         %.0f/s (limit %d/s)%n", open.size() / connectSeconds, rate);
        System.out.printf("open after %d s hold %d%n", holdSeconds, stillOpen);
        System.out.printf("dropped by server    %d %s%n", sum(dropped), new TreeMap<>(dropped));
        System.out.printf("heartbeat            %d pings, %d pongs%n", pingsSent.get(), pongsReceived.get());
        if (!unexpectedFrames.isEmpty()) {
            System.out.printf("other frames         %s%n", new TreeMap<>(unexpectedFrames));
        }

        closing = true;
        heartbeat.shutdownNow();
        closeAll();
    }

    private void closeAll() throws InterruptedException {
        long start = System.nanoTime();
        double intervalNanos = 1e9 / rate;
        List<CompletableFuture<Integer>> closes = new ArrayList<>();
        int i = 0;
        for (Conn conn : open) {
            if (conn.closedByServer.isDone()) {
                continue;
            }
            long wait = start + (long) (i++ * intervalNanos) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            closes.add(conn.close());
        }
        Map<String, Integer> outcome = new TreeMap<>();
        for (CompletableFuture<Integer> close : closes) {
            String key;
            try {
                key = "closed " + close.get();
            }
            catch (ExecutionException ex) {
                key = "not confirmed (" + reason(ex) + ")";
            }
            outcome.merge(key, 1, Integer::sum);
        }
        open.forEach(Conn::abort);
        System.out.printf("closing              %d connections in %.1f s: %s%n", closes.size(),
                (System.nanoTime() - start) / 1e9, outcome);
    }

    private void heartbeat() {
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        List<Conn> snapshot;
        synchronized (heartbeatList) {
            snapshot = new ArrayList<>(heartbeatList);
        }
        for (Conn conn : snapshot) {
            conn.pingIfDue(now);
        }
    }

    private void greeted(Conn conn) {
        synchronized (heartbeatList) {
            heartbeatList.add(conn);
        }
    }

    private int stillOpen() {
        int n = 0;
        for (Conn conn : open) {
            if (!conn.closedByServer.isDone()) {
                n++;
            }
        }
        return n;
    }

    private static String userId(String runId, int u) {
        return "idle-" + runId + "-" + u;
    }

    private static void count(Map<String, AtomicLong> counters, String key) {
        counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static long sum(Map<String, AtomicLong> counters) {
        return counters.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static String reason(Throwable ex) {
        Throwable cause = ex;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            return "HTTP " + handshake.getResponse().statusCode();
        }
        String message = cause.getMessage();
        if (message != null && message.length() > 80) {
            message = message.substring(0, 80);
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * One device on one WebSocket. Sends are chained: the JDK socket allows one pending
     * send.
     */
    static final class Conn extends JsonFrameListener {

        private final IdleConnections idle;

        private final String userId;

        private final String deviceId;

        private final CompletableFuture<Conn> hello = new CompletableFuture<>();

        /**
         * Completes with the close code the server sent (or exceptionally on an error).
         */
        final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();

        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

        private volatile WebSocket socket;

        private long intervalNanos;

        private long nextPing;

        private long pings;

        Conn(IdleConnections idle, String userId, String deviceId) {
            this.idle = idle;
            this.userId = userId;
            this.deviceId = deviceId;
        }

        CompletableFuture<Conn> connect(String ws, String token) {
            return HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(ws + "?deviceId=" + deviceId), this)
                .thenCompose(s -> hello)
                .orTimeout(HELLO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        /** Called by the heartbeat task only. */
        void pingIfDue(long now) {
            if (closedByServer.isDone() || now < nextPing) {
                return;
            }
            nextPing += intervalNanos;
            enqueue("{\"type\":\"ping\",\"id\":\"p" + (++pings) + "\"}");
            idle.pingsSent.incrementAndGet();
        }

        private synchronized CompletableFuture<?> enqueue(String text) {
            lastSend = lastSend.thenCompose(v -> socket.sendText(text, true)).exceptionally(e -> null);
            return lastSend;
        }

        /** Sends close 1000 and waits for the server's close frame. */
        CompletableFuture<Integer> close() {
            synchronized (this) {
                lastSend = lastSend.thenCompose(v -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                    .exceptionally(e -> null);
            }
            return closedByServer.orTimeout(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        void abort() {
            WebSocket s = socket;
            if (s != null && !s.isInputClosed()) {
                s.abort();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        void handle(JsonNode frame) {
            String type = frame.path("type").asString("");
            switch (type) {
                case "hello" -> {
                    int seconds = Math.max(1, frame.path("heartbeatIntervalSeconds").asInt(30));
                    intervalNanos = TimeUnit.SECONDS.toNanos(seconds);
                    // First ping at a random point of the first interval, so pings arrive
                    // evenly spread.
                    nextPing = System.nanoTime() + ThreadLocalRandom.current().nextLong(intervalNanos);
                    idle.greeted(this);
                    hello.complete(this);
                }
                case "pong" -> idle.pongsReceived.incrementAndGet();
                default -> count(idle.unexpectedFrames,
                        type + ("error".equals(type) ? " " + frame.path("code").asString("") : ""));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            hello.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            if (!idle.closing && hello.isDone() && !hello.isCompletedExceptionally()) {
                count(idle.dropped, statusCode + " " + reason);
            }
            closedByServer.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            hello.completeExceptionally(error);
            if (!idle.closing && hello.isDone() && !hello.isCompletedExceptionally()) {
                count(idle.dropped, reason(error));
            }
            closedByServer.completeExceptionally(error);
        }

        @Override
        public String toString() {
            return userId + "/" + deviceId;
        }

    }

}
