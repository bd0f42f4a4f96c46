package com.acme.chat.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Open-loop 1:1 load: {@code users} clients on real WebSockets, messages sent at a fixed
 * {@code rate} regardless of how fast the server answers (latency is measured from each
 * message's scheduled send time, so a slow server cannot hide its queueing: no
 * coordinated omission). Each recipient acks deliveries like a real client. Reports
 * delivered per second, lost (acked by the server but never received), duplicates, and
 * send-to-receipt latency percentiles.
 *
 * <p>
 * Arguments ({@code --name=value}): users (200), rate msgs/s (2000), duration s (60),
 * warmup s (10), grace s (15), contacts (0 = everybody: each user writes to its partners
 * in turn, so nearly every message opens a new conversation; k = each user writes only to
 * k partners, like real chat traffic), ws (ws://127.0.0.1:8080/ws), api
 * (http://127.0.0.1:8081).
 */
public final class LoadGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = DevApi.HTTP;

    private final Map<String, String> options;

    private final int users;

    private final int rate;

    private final int durationSeconds;

    private final int warmupSeconds;

    private final int total;

    private final int contacts;

    private final int firstMeasured;

    private final AtomicLongArray scheduledAt;

    private final AtomicLongArray ackedAt;

    private final AtomicIntegerArray receivedCount;

    private final Histogram deliveryLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);

    private final Histogram ackLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);

    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    private final AtomicLong deliveredInWindow = new AtomicLong();

    private final List<Client> clients = new ArrayList<>();

    private volatile long windowStart;

    private volatile long windowEnd;

    LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.users = Integer.parseInt(options.getOrDefault("users", "200"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        this.durationSeconds = Integer.parseInt(options.getOrDefault("duration", "60"));
        this.warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "10"));
        // 0: every message goes to the sender's next partner in turn, so nearly every
        // message opens a conversation.
        int wanted = Integer.parseInt(options.getOrDefault("contacts", "0"));
        this.contacts = (wanted <= 0) ? users - 1 : Math.min(wanted, users - 1);
        this.total = rate * (warmupSeconds + durationSeconds);
        this.firstMeasured = rate * warmupSeconds;
        this.scheduledAt = new AtomicLongArray(total);
        this.ackedAt = new AtomicLongArray(total);
        this.receivedCount = new AtomicIntegerArray(total);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DevApi.options(args);
        new LoadGenerator(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        String api = options.getOrDefault("api", "http://127.0.0.1:8081");
        String ws = options.getOrDefault("ws", "ws://127.0.0.1:8080/ws");
        String runId = UUID.randomUUID().toString().substring(0, 6);
        System.out.printf("load: %d users with %d contacts each, %d msg/s open loop, %d s warm-up + %d s measured%n",
                users, contacts, rate, warmupSeconds, durationSeconds);
        List<CompletableFuture<Client>> connecting = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String userId = "lt-" + runId + "-" + i;
            String token = token(api, userId);
            connecting.add(Client.connect(this, ws, userId, token));
            if (connecting.size() % 50 == 0) {
                CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
            }
        }
        for (CompletableFuture<Client> client : connecting) {
            clients.add(client.get(30, TimeUnit.SECONDS));
        }
        System.out.printf("load: %d clients connected%n", clients.size());

        ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor();
        acks.scheduleAtFixedRate(() -> clients.forEach(Client::flushAcks), 50, 50, TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        windowEnd = windowStart + TimeUnit.SECONDS.toNanos(durationSeconds);
        double intervalNanos = 1e9 / rate;
        for (int n = 0; n < total; n++) {
            long due = start + (long) (n * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                TimeUnit.NANOSECONDS.sleep(wait - 100_000);
            }
            scheduledAt.set(n, due);
            Client sender = clients.get(n % users);
            Client recipient = clients.get((n % users + 1 + (n / users) % contacts) % users);
            sender.send(n, recipient.userId);
        }
        long sendEnd = System.nanoTime();
        System.out.printf("load: sending finished, %.1f s behind schedule at the end%n",
                Math.max(0, sendEnd - (start + (long) (total * intervalNanos))) / 1e9);
        int grace = Integer.parseInt(options.getOrDefault("grace", "15"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
        while (System.nanoTime() < deadline && missing() > 0) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        acks.shutdownNow();
        report();
        clients.forEach(Client::close);
    }

    private long missing() {
        long missing = 0;
        for (int n = firstMeasured; n < total; n++) {
            if (ackedAt.get(n) != 0 && receivedCount.get(n) == 0) {
                missing++;
            }
        }
        return missing;
    }

    private void report() {
        long acked = 0;
        long lost = 0;
        long duplicates = 0;
        long unacked = 0;
        for (int n = firstMeasured; n < total; n++) {
            if (ackedAt.get(n) == 0) {
                unacked++;
            }
            else if (receivedCount.get(n) == 0) {
                lost++;
            }
            else {
                acked++;
            }
            if (receivedCount.get(n) > 1) {
                duplicates += receivedCount.get(n) - 1;
            }
        }
        long sent = total - firstMeasured;
        System.out.println();
        System.out.println("=== results (measured window) ===");
        System.out.printf("sent                 %d (%d msg/s target for %d s)%n", sent, rate, durationSeconds);
        System.out.printf("acked and delivered  %d%n", acked);
        System.out.printf("delivered per second %.0f%n", deliveredInWindow.get() / (double) durationSeconds);
        System.out.printf("lost (acked, never delivered) %d%n", lost);
        System.out.printf("not acked (error or timeout)  %d%n", unacked);
        System.out.printf("duplicates           %d%n", duplicates);
        System.out.printf("errors               %s%n", errors);
        print("send -> receipt", deliveryLatency);
        print("send -> ack    ", ackLatency);
    }

    private static void print(String name, Histogram histogram) {
        System.out.printf("%s latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (n=%d)%n", name,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0,
                histogram.getTotalCount());
    }

    private static String token(String api, String userId) throws Exception {
        String token = DevApi.token(api, userId, 7200);
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/users/me"))
            .header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofString());
        if (me.statusCode() != 200) {
            throw new IllegalStateException("register " + userId + ": " + me.statusCode());
        }
        return token;
    }

    void onAck(int n, JsonNode frame) {
        long now = System.nanoTime();
        if ("error".equals(frame.path("type").asString())) {
            errors.computeIfAbsent(frame.path("code").asString(), k -> new AtomicLong()).incrementAndGet();
            return;
        }
        ackedAt.set(n, now);
        if (n >= firstMeasured) {
            ackLatency.recordValue(Math.max(0, (now - scheduledAt.get(n)) / 1000));
        }
    }

    /** Returns true the first time message n arrives (the client then acks it). */
    void onMessage(int n) {
        long now = System.nanoTime();
        int count = receivedCount.incrementAndGet(n);
        if (count == 1 && n >= firstMeasured) {
            deliveryLatency.recordValue(Math.max(0, (now - scheduledAt.get(n)) / 1000));
            if (now >= windowStart && now < windowEnd + TimeUnit.SECONDS.toNanos(1)) {
                deliveredInWindow.incrementAndGet();
            }
        }
    }

    /**
     * One user with one device on one WebSocket. Sends are chained: the JDK socket allows
     * one pending send.
     */
    static final class Client extends JsonFrameListener {

        private final LoadGenerator load;

        private final String userId;

        private final Map<String, Integer> pending = new ConcurrentHashMap<>();

        private final ConcurrentLinkedQueue<String[]> toAck = new ConcurrentLinkedQueue<>();

        private final CompletableFuture<Client> hello = new CompletableFuture<>();

        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

        private WebSocket socket;

        private Client(LoadGenerator load, String userId) {
            this.load = load;
            this.userId = userId;
        }

        static CompletableFuture<Client> connect(LoadGenerator load, String ws, String userId, String token) {
            Client client = new Client(load, userId);
            return HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(ws + "?deviceId=lt"), client)
                .thenCompose(socket -> {
                    client.socket = socket;
                    return client.hello;
                });
        }

        void send(int n, String to) {
            String id = "s" + n;
            pending.put(id, n);
            ObjectNode frame = JSON.createObjectNode()
                .put("type", "send_message")
                .put("id", id)
                .put("clientMsgId", "lt-" + n + "-" + userId)
                .put("to", to)
                .put("text", "lt:" + n);
            enqueue(JSON.writeValueAsString(frame));
        }

        private synchronized void enqueue(String text) {
            lastSend = lastSend.thenCompose(v -> socket.sendText(text, true)).exceptionally(e -> null);
        }

        void flushAcks() {
            Map<String, List<String>> byConversation = new HashMap<>();
            String[] ack;
            while ((ack = toAck.poll()) != null) {
                byConversation.computeIfAbsent(ack[0], k -> new ArrayList<>()).add(ack[1]);
            }
            byConversation.forEach((conversation, ids) -> {
                for (int i = 0; i < ids.size(); i += 256) {
                    ObjectNode frame = JSON.createObjectNode()
                        .put("type", "ack_delivery")
                        .put("id", "a" + UUID.randomUUID())
                        .put("conversationId", conversation);
                    ids.subList(i, Math.min(ids.size(), i + 256)).forEach(frame.putArray("messageIds")::add);
                    enqueue(JSON.writeValueAsString(frame));
                }
            });
        }

        @Override
        void handle(JsonNode frame) {
            switch (frame.path("type").asString()) {
                case "hello" -> hello.complete(this);
                case "message" -> {
                    String text = frame.path("text").asString();
                    if (text.startsWith("lt:")) {
                        load.onMessage(Integer.parseInt(text.substring(3)));
                    }
                    toAck.add(new String[] { frame.path("conversationId").asString(),
                            frame.path("messageId").asString() });
                }
                case "ack", "error" -> {
                    Integer n = pending.remove(frame.path("id").asString(""));
                    if (n != null) {
                        load.onAck(n, frame);
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            hello.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        void close() {
            socket.abort();
        }

    }

}
