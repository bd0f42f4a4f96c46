package com.acme.chat.loadtest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Open-loop group fan-out (issue 10): {@code groups} groups of {@code members} users,
 * every member online with {@code devices} devices on real WebSockets, {@code rate} group
 * messages a second in all, sent by the members in turn at their scheduled times whatever
 * the server's speed (latency counts from the scheduled time: no coordinated omission).
 * Every device acks what it receives like a real client. Reports, for the measured
 * window: messages sent and acked, member deliveries per second, lost (acked, not on some
 * member device at the end of the grace period), duplicated (one message twice on one
 * device), send → member latency over all deliveries and send → last member per message
 * (HdrHistogram), error codes.
 * <p>
 * Users are shared between groups so that the socket count stays sane: group {@code g} is
 * the {@code members} consecutive users (wrapping around) from user
 * {@code g * users / groups}, so with 50 groups of 100 and 500 users every user is in 10
 * groups and no two groups have the same members. Each group is created in one call with
 * all its members (one {@code group_created} system message; adding the members in
 * batches would send every device one system message per member added).
 * <p>
 * With {@code --direct-users} it also runs {@link LoadGenerator}'s 1:1 traffic in the
 * same process, in phases ({@code --direct-phases}, default {@code alone,with}): 1:1
 * alone (the group members online and idle) and 1:1 beside the group traffic, each with
 * fresh 1:1 users and its own warm-up, then prints both 1:1 latencies side by side.
 * <p>
 * Arguments ({@code --name=value}): groups (50), members (100), users (the smaller of
 * groups × members and the larger of members and 500), devices per user (1), rate group
 * messages/s (203: 20,097 member deliveries/s with 100 members), duration s (60), warmup
 * s (10), grace s (15), ack-interval ms (50), ws (ws://127.0.0.1:8080/ws), api
 * (http://127.0.0.1:8081), groups-api (http://127.0.0.1:8083); direct-users (0: no 1:1
 * traffic), direct-rate msgs/s (500), direct-contacts (0, as LoadGenerator's contacts),
 * direct-phases (alone,with).
 */
public final class GroupBench {

    private static final String ALONE = "alone";

    private static final String WITH = "with";

    private final Map<String, String> options;

    private final int groups;

    private final int members;

    private final int users;

    private final int devicesPerUser;

    /** Devices per group, the sending one included. */
    private final int slots;

    private final double rate;

    private final int durationSeconds;

    private final int warmupSeconds;

    private final int graceSeconds;

    private final String runId = UUID.randomUUID().toString().substring(0, 6);

    /** Appended while connecting, read by the ack timer meanwhile. */
    private final List<Member> devices = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Member[][] groupDevices;

    private final String[] groupIds;

    private final AtomicIntegerArray warmArrivals;

    private final Map<String, CompletableFuture<JsonNode>> warmAnswers = new ConcurrentHashMap<>();

    private final Map<Integer, Traffic> traffics = new ConcurrentHashMap<>();

    private final Map<String, AtomicLong> ackErrors = new ConcurrentHashMap<>();

    /**
     * The senders' and grace waits' threads (not the common pool: on a 2-core box it has
     * one thread, and the two senders must run side by side).
     */
    private final ExecutorService phaseThreads = Executors.newCachedThreadPool();

    /** Arrivals of a run message at a device that is not in its group. */
    private final AtomicLong strays = new AtomicLong();

    GroupBench(Map<String, String> options) {
        this.options = options;
        this.groups = integer("groups", 50);
        this.members = integer("members", 100);
        this.users = integer("users", Math.min(groups * members, Math.max(members, 500)));
        this.devicesPerUser = integer("devices", 1);
        this.slots = members * devicesPerUser;
        this.rate = Double.parseDouble(options.getOrDefault("rate", "203"));
        this.durationSeconds = integer("duration", 60);
        this.warmupSeconds = integer("warmup", 10);
        this.graceSeconds = integer("grace", 15);
        if (members < 2 || users < members || devicesPerUser < 1) {
            throw new IllegalArgumentException(
                    "need members >= 2, users >= members and devices >= 1: " + members + ", " + users);
        }
        this.groupDevices = new Member[groups][slots];
        this.groupIds = new String[groups];
        this.warmArrivals = new AtomicIntegerArray(groups);
    }

    public static void main(String[] args) throws Exception {
        new GroupBench(DevApi.options(args)).run();
        System.exit(0);
    }

    private int integer(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    /**
     * The user of member {@code j} of group {@code g}: {@code members} consecutive users
     * from user {@code g * users / groups}, wrapping around.
     */
    static int userOf(int g, int j, int groups, int users) {
        return (int) (((long) g * users / groups + j) % users);
    }

    void run() throws Exception {
        String api = options.getOrDefault("api", "http://127.0.0.1:8081");
        int directUsers = integer("direct-users", 0);
        System.out.printf(
                "groups: %d groups of %d members, %d users with %d device(s) each (%d sockets, %.1f groups per user), "
                        + "%s group msg/s open loop (%.0f member deliveries/s expected), %d s warm-up + %d s measured%n",
                groups, members, users, devicesPerUser, users * devicesPerUser, (double) groups * members / users, rate,
                rate * (slots - 1), warmupSeconds, durationSeconds);
        List<String> phases = new ArrayList<>();
        for (String phase : (directUsers > 0) ? options.getOrDefault("direct-phases", "alone,with").split(",")
                : new String[] { WITH }) {
            if (!phase.trim().equals(ALONE) && !phase.trim().equals(WITH)) {
                throw new IllegalArgumentException("direct-phases: alone or with, not " + phase);
            }
            phases.add(phase.trim());
        }
        // Started before the devices connect: it also pings the ones that have sent
        // nothing
        // for a while, so none is closed for silence while the others connect.
        ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor();
        int ackInterval = integer("ack-interval", 50);
        acks.scheduleAtFixedRate(() -> devices.forEach(Member::flushAcks), ackInterval, ackInterval,
                TimeUnit.MILLISECONDS);
        String[] tokens = connect(api);
        createGroups(tokens);
        warmUp();
        Map<String, Double> directRates = new LinkedHashMap<>();
        Map<String, DeliveryLedger.Summary> direct = new LinkedHashMap<>();
        Map<String, DeliveryLedger.Summary> grouped = new HashMap<>();
        for (int p = 0; p < phases.size(); p++) {
            String phase = phases.get(p);
            String label = (p + 1) + " " + phase;
            System.out.printf("%n=== phase %s: %s ===%n", label,
                    (directUsers == 0) ? "group traffic" : phase.equals(WITH) ? "1:1 beside the groups" : "1:1 alone");
            LoadGenerator load = (directUsers > 0) ? new LoadGenerator(directOptions(directUsers)) : null;
            if (load != null) {
                load.connect();
            }
            Traffic traffic = phase.equals(WITH) ? new Traffic(p + 1) : null;
            runPhase(traffic, load);
            if (traffic != null) {
                DeliveryLedger.Summary summary = traffic.ledger.summary();
                grouped.put(label, summary);
                report(traffic, summary);
            }
            if (load != null) {
                load.report();
                DeliveryLedger.Summary summary = load.summary();
                direct.put(label, summary);
                directRates.put(label, load.deliveredPerSecond(summary));
                load.close();
            }
        }
        acks.shutdownNow();
        if (!direct.isEmpty()) {
            compare(direct, directRates, grouped);
        }
        devices.forEach(Member::close);
    }

    private Map<String, String> directOptions(int directUsers) {
        Map<String, String> direct = new HashMap<>();
        direct.put("users", Integer.toString(directUsers));
        direct.put("rate", options.getOrDefault("direct-rate", "500"));
        direct.put("contacts", options.getOrDefault("direct-contacts", "0"));
        for (String shared : List.of("duration", "warmup", "grace", "ws", "api")) {
            if (options.containsKey(shared)) {
                direct.put(shared, options.get(shared));
            }
        }
        return direct;
    }

    /** Registers the users and connects all their devices; returns the users' tokens. */
    private String[] connect(String api) throws Exception {
        String ws = options.getOrDefault("ws", "ws://127.0.0.1:8080/ws");
        String[] tokens = new String[users];
        Member[][] byUser = new Member[users][devicesPerUser];
        List<CompletableFuture<ChatDevice>> connecting = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String userId = "gb-" + runId + "-" + u;
            tokens[u] = DevApi.register(api, userId, 7200);
            for (int d = 0; d < devicesPerUser; d++) {
                Member device = new Member(this, userId);
                byUser[u][d] = device;
                devices.add(device);
                connecting.add(device.connect(ws, tokens[u], "gb-d" + d));
                if (connecting.size() % 50 == 0) {
                    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
                }
            }
        }
        for (CompletableFuture<ChatDevice> hello : connecting) {
            hello.get(30, TimeUnit.SECONDS);
        }
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < members; j++) {
                for (int d = 0; d < devicesPerUser; d++) {
                    Member device = byUser[userOf(g, j, groups, users)][d];
                    device.slotByGroup[g] = j * devicesPerUser + d;
                    groupDevices[g][j * devicesPerUser + d] = device;
                }
            }
        }
        System.out.printf("groups: %d devices connected%n", devices.size());
        return tokens;
    }

    /** Creates every group, its first member's user as the creator (admin). */
    private void createGroups(String[] tokens) throws Exception {
        String groupsApi = options.getOrDefault("groups-api", "http://127.0.0.1:8083");
        for (int g = 0; g < groups; g++) {
            ObjectNode body = ChatDevice.JSON.createObjectNode().put("name", "gb-" + runId + "-" + g);
            for (int j = 1; j < members; j++) {
                body.withArray("members").add(groupDevices[g][j * devicesPerUser].userId);
            }
            HttpResponse<String> response = DevApi.HTTP
                .send(HttpRequest.newBuilder(URI.create(groupsApi + "/api/v1/groups"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens[userOf(g, 0, groups, users)])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ChatDevice.JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("create group " + g + ": " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
            groupIds[g] = ChatDevice.JSON.readTree(response.body()).path("groupId").asString();
        }
        System.out.printf("groups: %d groups created%n", groups);
    }

    /**
     * One message per group, resent (same clientMsgId) until acked: right after its
     * creation a group's stream may not have applied it yet, and a send is
     * {@code not_a_member} until then. Then waits until the warm-up messages reached
     * every device, so the measurement starts on a working fan-out path.
     */
    private void warmUp() throws Exception {
        List<Integer> waiting = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            waiting.add(g);
        }
        Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int round = 0;
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            round++;
            Map<Integer, CompletableFuture<JsonNode>> answers = new HashMap<>();
            for (int g : waiting) {
                String id = "w" + g + "-" + round;
                CompletableFuture<JsonNode> answer = new CompletableFuture<>();
                warmAnswers.put(id, answer);
                answers.put(g, answer);
                groupDevices[g][0].sendMessage(id, "gw-" + runId + "-" + g, "group", groupIds[g], "gw:" + g);
            }
            List<Integer> still = new ArrayList<>();
            for (int g : waiting) {
                String outcome;
                try {
                    JsonNode frame = answers.get(g).get(10, TimeUnit.SECONDS);
                    outcome = "ack".equals(frame.path("type").asString()) ? null : frame.path("code").asString();
                }
                catch (TimeoutException timeout) {
                    outcome = "timeout";
                }
                if (outcome != null) {
                    refused.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    still.add(g);
                }
            }
            waiting = still;
            if (!waiting.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        System.out.printf(
                "groups: warm-up message accepted in %d of %d groups after %d round(s); refused on the way: %s%n",
                groups - waiting.size(), groups, round, OpenLoop.counts(refused));
        if (!waiting.isEmpty()) {
            throw new IllegalStateException("groups " + waiting + " accept no message: cannot measure");
        }
        long expected = (long) groups * (slots - 1);
        long arrivalDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (warmed() < expected && System.nanoTime() < arrivalDeadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        System.out.printf("groups: warm-up messages arrived on %d of %d member devices%n", warmed(), expected);
    }

    private long warmed() {
        long arrived = 0;
        for (int g = 0; g < groups; g++) {
            arrived += warmArrivals.get(g);
        }
        return arrived;
    }

    /**
     * The group traffic (if any) and the 1:1 traffic (if any) from the same start, each
     * on its own thread, then the grace period for stragglers.
     */
    private void runPhase(Traffic traffic, LoadGenerator load) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        if (traffic != null) {
            traffics.put(traffic.phase, traffic);
            long windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(durationSeconds);
            traffic.ledger.window(windowStart, windowEnd);
            long epochOffset = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
            traffic.windowEpochMillis = new long[] { epochOffset + TimeUnit.NANOSECONDS.toMillis(windowStart),
                    epochOffset + TimeUnit.NANOSECONDS.toMillis(windowEnd) };
            senders.add(CompletableFuture.runAsync(() -> interruptibly(() -> drive(traffic, start)), phaseThreads));
        }
        if (load != null) {
            senders.add(CompletableFuture.runAsync(() -> interruptibly(() -> load.drive(start)), phaseThreads));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
        CompletableFuture<Void> loadGrace = (load != null)
                ? CompletableFuture.runAsync(() -> interruptibly(load::awaitStragglers), phaseThreads)
                : CompletableFuture.completedFuture(null);
        if (traffic != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
            while (System.nanoTime() < deadline && traffic.ledger.missing() > 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        loadGrace.join();
    }

    private interface Interruptible {

        void run() throws InterruptedException;

    }

    private static void interruptibly(Interruptible task) {
        try {
            task.run();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sends the phase's group messages at their due times: message {@code n} to group
     * {@code n % groups}, from its devices in turn.
     */
    private void drive(Traffic traffic, long start) throws InterruptedException {
        for (int n = 0; n < traffic.total; n++) {
            long due = OpenLoop.due(start, n, rate);
            OpenLoop.waitUntil(due);
            int g = n % groups;
            int slot = (n / groups) % slots;
            traffic.ledger.scheduled(n, due, slot);
            groupDevices[g][slot].send(traffic, n, groupIds[g]);
        }
        System.out.printf("groups: sending finished, %.1f s behind schedule at the end%n",
                Math.max(0, System.nanoTime() - OpenLoop.due(start, traffic.total, rate)) / 1e9);
    }

    private void report(Traffic traffic, DeliveryLedger.Summary s) {
        System.out.println();
        System.out.printf("=== group fan-out, phase %d (measured window: %d s) ===%n", traffic.phase, durationSeconds);
        System.out.printf("group messages sent      %d (%s msg/s into %d groups of %d members)%n", s.sent(), rate,
                groups, members);
        System.out.printf("acked                    %d%n", s.acked());
        System.out.printf("not acked (error/none)   %d%n", s.notAcked());
        System.out.printf("member deliveries        %d of %d expected (acked x %d devices)%n", s.delivered(),
                s.expected(), slots - 1);
        System.out.printf("member deliveries/s      %.0f (arrived inside the window)%n",
                s.arrivedInWindow() / (double) durationSeconds);
        System.out.printf("lost                     %d deliveries, in %d messages (acked, not on the device after %d s "
                + "of grace)%n", s.lost(), s.lostMessages(), graceSeconds);
        System.out.printf("duplicates               %d%n", s.duplicates());
        System.out.printf("to the sending device    %d (expected 0)%n", s.toSender());
        System.out.printf("to non-members           %d (expected 0, all phases)%n", strays.get());
        System.out.printf("send errors              %s%n", s.errors());
        System.out.printf("ack_delivery errors      %s (all phases)%n", OpenLoop.counts(ackErrors));
        System.out.printf("devices closed           %d (all phases) %s%n",
                devices.stream().filter(d -> d.closed.isDone()).count(), closeReasons());
        OpenLoop.print("send -> member     ", s.toMember());
        OpenLoop.print("send -> last member", s.toLastMember());
        OpenLoop.print("send -> ack        ", s.toAck());
        // For group-bench.sh: the window as wall-clock milliseconds, and what arrived in
        // it.
        System.out.printf("window-epoch-ms %d %d member-deliveries-in-window %d%n", traffic.windowEpochMillis[0],
                traffic.windowEpochMillis[1], s.arrivedInWindow());
    }

    private Map<String, Long> closeReasons() {
        Map<String, AtomicLong> reasons = new HashMap<>();
        devices.stream()
            .filter(d -> d.closed.isDone())
            .forEach(d -> reasons.computeIfAbsent(d.closed.join(), k -> new AtomicLong()).incrementAndGet());
        return OpenLoop.counts(reasons);
    }

    /** The 1:1 latencies of every phase side by side, and the change the groups made. */
    private static void compare(Map<String, DeliveryLedger.Summary> direct, Map<String, Double> directRates,
            Map<String, DeliveryLedger.Summary> grouped) {
        System.out.println();
        System.out.println("=== 1:1 send -> receipt, alone and beside the group traffic ===");
        System.out.printf("%-8s %12s %6s %9s %8s %8s %8s   %s%n", "phase", "1:1 deliv/s", "lost", "not acked", "p50 ms",
                "p99 ms", "max ms", "groups: deliveries, lost, dup, last-member p99 ms");
        double[] p99 = new double[2];
        int[] count = new int[2];
        direct.forEach((label, d) -> {
            Histogram h = d.toMember();
            DeliveryLedger.Summary g = grouped.get(label);
            System.out.printf("%-8s %12.0f %6d %9d %8.1f %8.1f %8.1f   %s%n", label, directRates.get(label), d.lost(),
                    d.notAcked(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0,
                    (g == null) ? "-" : String.format("%d of %d, %d, %d, %.1f", g.delivered(), g.expected(), g.lost(),
                            g.duplicates(), g.toLastMember().getValueAtPercentile(99) / 1000.0));
            int i = (g == null) ? 0 : 1;
            p99[i] += h.getValueAtPercentile(99) / 1000.0;
            count[i]++;
        });
        if (count[0] > 0 && count[1] > 0) {
            double alone = p99[0] / count[0];
            double with = p99[1] / count[1];
            System.out.printf("1:1 p99 alone %.1f ms, beside the groups %.1f ms: %+.1f %% (bar: less than 20 %%)%n",
                    alone, with, (with / alone - 1) * 100);
        }
    }

    void onGroupMessage(Member device, int phase, int n, long now) {
        Traffic traffic = traffics.get(phase);
        if (traffic == null || n < 0 || n >= traffic.total) {
            return;
        }
        int slot = device.slotByGroup[n % groups];
        if (slot < 0) {
            strays.incrementAndGet();
            return;
        }
        traffic.ledger.delivered(n, slot, now);
    }

    void onWarmMessage(int g) {
        if (g >= 0 && g < groups) {
            warmArrivals.incrementAndGet(g);
        }
    }

    void onAckError(JsonNode frame) {
        ackErrors.computeIfAbsent(frame.path("code").asString(), k -> new AtomicLong()).incrementAndGet();
    }

    /** One phase's group messages and their books. */
    final class Traffic {

        final int phase;

        final int total = (int) Math.round(rate * (warmupSeconds + durationSeconds));

        final DeliveryLedger ledger = new DeliveryLedger(total, (int) Math.round(rate * warmupSeconds), slots);

        long[] windowEpochMillis;

        Traffic(int phase) {
            this.phase = phase;
        }

    }

    /**
     * One device of a group member. Its messages carry {@code gb<phase>:<n>} (warm-up:
     * {@code gw:<group>}) as their text; system messages are acked and not counted.
     */
    static final class Member extends ChatDevice {

        private final GroupBench bench;

        /** Its slot in each group, -1 where it is not a member. */
        final int[] slotByGroup;

        private final Map<String, Sent> pending = new ConcurrentHashMap<>();

        private record Sent(Traffic traffic, int n) {
        }

        Member(GroupBench bench, String userId) {
            super(userId);
            this.bench = bench;
            this.slotByGroup = new int[bench.groups];
            Arrays.fill(slotByGroup, -1);
        }

        void send(Traffic traffic, int n, String groupId) {
            String id = "m" + traffic.phase + "-" + n;
            pending.put(id, new Sent(traffic, n));
            sendMessage(id, "gb-" + traffic.phase + "-" + n, "group", groupId, "gb" + traffic.phase + ":" + n);
        }

        @Override
        void onMessage(JsonNode frame) {
            long now = System.nanoTime();
            if (!frame.path("system").isMissingNode() && !frame.path("system").isNull()) {
                return;
            }
            String text = frame.path("text").asString("");
            int colon = text.indexOf(':');
            if (text.startsWith("gb") && colon > 2) {
                bench.onGroupMessage(this, Integer.parseInt(text.substring(2, colon)),
                        Integer.parseInt(text.substring(colon + 1)), now);
            }
            else if (text.startsWith("gw:")) {
                bench.onWarmMessage(Integer.parseInt(text.substring(3)));
            }
        }

        @Override
        void onAnswer(String id, JsonNode frame) {
            boolean error = "error".equals(frame.path("type").asString());
            if (id.startsWith(ACK_ID_PREFIX)) {
                if (error) {
                    bench.onAckError(frame);
                }
                return;
            }
            CompletableFuture<JsonNode> warm = bench.warmAnswers.remove(id);
            if (warm != null) {
                warm.complete(frame);
                return;
            }
            Sent sent = pending.remove(id);
            if (sent == null) {
                return;
            }
            if (error) {
                sent.traffic.ledger.failed(sent.n, frame.path("code").asString());
            }
            else {
                sent.traffic.ledger.acked(sent.n, System.nanoTime());
            }
        }

    }

}
