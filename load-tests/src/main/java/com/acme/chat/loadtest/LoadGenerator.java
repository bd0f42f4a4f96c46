package com.acme.chat.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

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

    private final Map<String, String> options;

    private final int users;

    private final int rate;

    private final int durationSeconds;

    private final int warmupSeconds;

    private final int total;

    private final int contacts;

    private final int firstMeasured;

    /** Slot 0 is the sender's device, slot 1 the recipient's. */
    private final DeliveryLedger ledger;

    private final List<Client> clients = new ArrayList<>();

    private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor();

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
        this.ledger = new DeliveryLedger(total, firstMeasured, 2);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DevApi.options(args);
        new LoadGenerator(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        connect();
        drive(System.nanoTime());
        awaitStragglers();
        report();
        close();
    }

    /** Registers the users and connects their devices; they ack what they receive. */
    void connect() throws Exception {
        String api = options.getOrDefault("api", "http://127.0.0.1:8081");
        String ws = options.getOrDefault("ws", "ws://127.0.0.1:8080/ws");
        String runId = UUID.randomUUID().toString().substring(0, 6);
        System.out.printf("load: %d users with %d contacts each, %d msg/s open loop, %d s warm-up + %d s measured%n",
                users, contacts, rate, warmupSeconds, durationSeconds);
        List<CompletableFuture<ChatDevice>> connecting = new ArrayList<>();
        List<Client> created = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String userId = "lt-" + runId + "-" + i;
            Client client = new Client(this, userId);
            created.add(client);
            connecting.add(client.connect(ws, DevApi.register(api, userId, 7200), "lt"));
            if (connecting.size() % 50 == 0) {
                CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
            }
        }
        for (CompletableFuture<ChatDevice> hello : connecting) {
            hello.get(30, TimeUnit.SECONDS);
        }
        clients.addAll(created);
        System.out.printf("load: %d clients connected%n", clients.size());
        acks.scheduleAtFixedRate(() -> clients.forEach(Client::flushAcks), 50, 50, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends every message at its due time from {@code start} ({@link System#nanoTime()}):
     * warm-up, then the measured window.
     */
    void drive(long start) throws InterruptedException {
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        ledger.window(windowStart, windowStart + TimeUnit.SECONDS.toNanos(durationSeconds));
        for (int n = 0; n < total; n++) {
            long due = OpenLoop.due(start, n, rate);
            OpenLoop.waitUntil(due);
            ledger.scheduled(n, due, 0);
            Client sender = clients.get(n % users);
            Client recipient = clients.get((n % users + 1 + (n / users) % contacts) % users);
            sender.send(n, recipient.userId);
        }
        long sendEnd = System.nanoTime();
        System.out.printf("load: sending finished, %.1f s behind schedule at the end%n",
                Math.max(0, sendEnd - OpenLoop.due(start, total, rate)) / 1e9);
    }

    /** Waits up to {@code grace} seconds for what was acked but has not arrived yet. */
    void awaitStragglers() throws InterruptedException {
        int grace = Integer.parseInt(options.getOrDefault("grace", "15"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
        while (System.nanoTime() < deadline && ledger.missing() > 0) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        acks.shutdownNow();
    }

    void close() {
        clients.forEach(Client::close);
    }

    /** The measured window's figures, as {@link #report()} prints them. */
    DeliveryLedger.Summary summary() {
        return ledger.summary();
    }

    void report() {
        DeliveryLedger.Summary summary = summary();
        System.out.println();
        System.out.println("=== results (measured window) ===");
        System.out.printf("sent                 %d (%d msg/s target for %d s)%n", summary.sent(), rate,
                durationSeconds);
        System.out.printf("acked and delivered  %d%n", summary.acked() - summary.lostMessages());
        System.out.printf("delivered per second %.0f%n", deliveredPerSecond(summary));
        System.out.printf("lost (acked, never delivered) %d%n", summary.lost());
        System.out.printf("not acked (error or timeout)  %d%n", summary.notAcked());
        System.out.printf("duplicates           %d%n", summary.duplicates());
        System.out.printf("errors               %s%n", summary.errors());
        OpenLoop.print("send -> receipt", summary.toMember());
        OpenLoop.print("send -> ack    ", summary.toAck());
    }

    /**
     * @return the messages of the run that arrived inside the window, per second
     */
    double deliveredPerSecond(DeliveryLedger.Summary summary) {
        return summary.arrivedInWindow() / (double) durationSeconds;
    }

    void onAck(int n, JsonNode frame) {
        if ("error".equals(frame.path("type").asString())) {
            ledger.failed(n, frame.path("code").asString());
        }
        else {
            ledger.acked(n, System.nanoTime());
        }
    }

    /** Counts an arrival of message n (the client then acks it). */
    void onMessage(int n) {
        ledger.delivered(n, 1, System.nanoTime());
    }

    /** One user with one device; its messages carry {@code lt:<n>} as their text. */
    static final class Client extends ChatDevice {

        private final LoadGenerator load;

        private final Map<String, Integer> pending = new ConcurrentHashMap<>();

        private Client(LoadGenerator load, String userId) {
            super(userId);
            this.load = load;
        }

        void send(int n, String to) {
            String id = "s" + n;
            pending.put(id, n);
            sendMessage(id, "lt-" + n + "-" + userId, "to", to, "lt:" + n);
        }

        @Override
        void onMessage(JsonNode frame) {
            String text = frame.path("text").asString();
            if (text.startsWith("lt:")) {
                load.onMessage(Integer.parseInt(text.substring(3)));
            }
        }

        @Override
        void onAnswer(String id, JsonNode frame) {
            Integer n = pending.remove(id);
            if (n != null) {
                load.onAck(n, frame);
            }
        }

    }

}
