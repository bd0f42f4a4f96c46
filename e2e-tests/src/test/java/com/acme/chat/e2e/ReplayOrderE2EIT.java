package com.acme.chat.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import com.acme.chat.e2e.testsupport.ChatApi;
import com.acme.chat.e2e.testsupport.ChatApi.User;
import com.acme.chat.testsupport.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offline messages arrive oldest first even when the device connects while messages to it
 * are still in flight (docs/protocol.md, sections 4.1 and 4.2; issue 8, item 5).
 * <p>
 * Section 4.2 promises that an offline device gets its queue "right after {@code hello},
 * oldest first per conversation", and that live and redelivered messages interleave only
 * across conversations. A client written from the protocol alone relies on that. This
 * test is such a client, nothing but WebSocket and HTTP: Alice, connected, sends bursts
 * of messages to Bob without waiting for the acks in between, and Bob's phone (a device
 * he has used before, offline between rounds) connects in the middle of each burst, at a
 * different send of the burst from round to round. A connect then races two paths to the
 * same device: the replay of its queue and the live pushes of the messages that are still
 * being delivered. Whatever wins, on each connection:
 * <ul>
 * <li>the {@code message} frames of a conversation come in strictly increasing
 * {@code seq} (a live push must not overtake the replay, e.g. {@code 5,1,2,3,4});</li>
 * <li>no {@code messageId} comes twice on the connection (the replay and a live push must
 * not both deliver it, e.g. {@code 1,2,3,4,5,5}; redelivery on a <em>later</em>
 * connection of what was not acknowledged stays allowed, and does not happen here because
 * Bob acknowledges everything before he disconnects, and waits until relay has applied
 * his acks);</li>
 * <li>the messages Bob had not yet acknowledged come without a gap: from the oldest of
 * them up to the newest one received;</li>
 * </ul>
 * and in the end Bob has received every message Alice got an {@code ack} for. Bob acks
 * ({@code ack_delivery}) what he received and disconnects before the next round, once
 * Alice has the {@code DELIVERED} receipt of his newest message (relay applies an ack
 * moments after answering it, and pushes the receipt only once the queue rows are gone),
 * so each connect starts from a queue the test knows.
 * <p>
 * One connect in the middle of a burst is not a reliable test of a race, so the test
 * connects {@value #DEFAULT_ROUNDS} times (system property
 * {@code e2e.replayOrder.rounds}; the burst size is {@code e2e.replayOrder.burst}) and
 * reports how many connects went wrong and how, with the seqs of the first few as they
 * arrived.
 */
@Timeout(900)
class ReplayOrderE2EIT {

    static final int DEFAULT_ROUNDS = 100;

    private static final int ROUNDS = Integer.getInteger("e2e.replayOrder.rounds", DEFAULT_ROUNDS);

    private static final int BURST = Integer.getInteger("e2e.replayOrder.burst", 5);

    /**
     * How long Bob keeps listening after the last expected message arrived, so that a
     * second copy still on its way shows up on this connection.
     */
    private static final Duration SETTLE = Duration.ofMillis(Long.getLong("e2e.replayOrder.settleMillis", 200));

    /** Rounds in which a message did not arrive before the test gives up. */
    private static final int MAX_ROUNDS_WITH_MISSING_MESSAGES = 3;

    private static final int EXAMPLES = 8;

    @BeforeAll
    static void stack() {
        ChatApi.ensureStack();
    }

    @Test
    void aDeviceConnectingInTheMiddleOfABurstGetsItsMessagesOldestFirstAndOnce() throws Exception {
        assertThat(BURST).as("burst size").isGreaterThanOrEqualTo(2);
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        // Bob has used his phone before (a known device), then went offline.
        bob.connect("phone").close();

        Ledger ledger = new Ledger();
        List<Connect> connects = new ArrayList<>();
        int roundsWithMissing = 0;
        long started = System.nanoTime();
        ExecutorService connector = Executors.newSingleThreadExecutor();
        try (WsClient alicePhone = alice.connect("phone")) {
            for (int round = 1; round <= ROUNDS && roundsWithMissing < MAX_ROUNDS_WITH_MISSING_MESSAGES; round++) {
                // 1..BURST-1 sends before the connect, a different one each round
                int connectAfter = 1 + (round - 1) % (BURST - 1);
                List<Send> burst = new ArrayList<>();
                Future<WsClient> connecting = null;
                for (int i = 0; i < BURST; i++) {
                    if (i == connectAfter) {
                        connecting = connector.submit(() -> bob.connect("phone"));
                    }
                    burst.add(Send.to(alicePhone, bob, "round " + round + " message " + (i + 1)));
                }
                for (Send send : burst) {
                    ledger.sent(send.awaitAck(alicePhone));
                }
                WsClient bobPhone = connecting.get(WsClient.FRAME_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                try {
                    Connect connect = receive(round, connectAfter, bobPhone, alicePhone, ledger);
                    connects.add(connect);
                    if (!connect.missing().isEmpty()) {
                        roundsWithMissing++;
                    }
                }
                finally {
                    bobPhone.close();
                }
            }
        }
        finally {
            connector.shutdownNow();
        }
        if (!ledger.pending().isEmpty()) {
            // Whatever a round missed is still queued: one more connect, without a
            // burst, must bring it.
            try (WsClient bobPhone = bob.connect("phone")) {
                connects.add(receive(connects.size() + 1, 0, bobPhone, null, ledger));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<Connect> misordered = connects.stream().filter(Connect::outOfOrder).toList();
        List<Connect> duplicated = connects.stream().filter(Connect::duplicate).toList();
        List<Connect> bad = connects.stream().filter(c -> c.outOfOrder() || c.duplicate()).toList();
        List<Connect> gapped = connects.stream().filter(Connect::gap).toList();
        List<Connect> stale = connects.stream().filter(Connect::stale).toList();
        List<Connect> incomplete = connects.stream().filter(c -> !c.missing().isEmpty()).toList();
        Set<String> lost = ledger.lost();
        // the connects that got a message after a newer one first: the rarer, clearer
        // case
        List<Connect> examples = connects.stream()
            .filter(c -> c.outOfOrder() || c.duplicate() || c.gap() || !c.missing().isEmpty())
            .sorted(Comparator.comparing((Connect c) -> !c.outOfOrder()).thenComparingInt(Connect::round))
            .limit(EXAMPLES)
            .toList();
        String summary = String.format(
                "%d of %d connects in the middle of a burst of %d got messages out of order or twice"
                        + " (out of order: %d, the same messageId twice: %d); connects with a gap: %d;"
                        + " connects that got already acknowledged messages again: %d; connects that missed"
                        + " a message: %d; acked messages Bob never received: %d of %d; took %d s."
                        + " Bad connects by the send of the burst they followed: %s."
                        + " Bad connects, out of order first (seqs in arrival order):%n  %s",
                bad.size(), connects.size(), BURST, misordered.size(), duplicated.size(), gapped.size(), stale.size(),
                incomplete.size(), lost.size(), ledger.acked.size(), took.toSeconds(), byConnectPoint(connects),
                examples.stream().map(Connect::describe).collect(Collectors.joining(System.lineSeparator() + "  ")));
        System.out.println("ReplayOrderE2EIT: " + summary);

        assertThat(roundsWithMissing).as(summary).isLessThan(MAX_ROUNDS_WITH_MISSING_MESSAGES);
        assertThat(bad.size()).as(summary).isZero();
        assertThat(gapped.size()).as(summary).isZero();
        assertThat(lost.size()).as(summary).isZero();
    }

    /**
     * Reads Bob's connection until every message Alice got an ack for and Bob has not
     * acknowledged yet has arrived (or {@link WsClient#FRAME_TIMEOUT} passed), listens a
     * little longer for late copies, checks the arrivals, then acknowledges them and,
     * when Alice is connected, waits until relay has applied the acks.
     */
    private static Connect receive(int round, int connectAfter, WsClient bobPhone, @Nullable WsClient alicePhone,
            Ledger ledger) {
        Map<String, Sent> pending = ledger.pending();
        try {
            await().atMost(WsClient.FRAME_TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> messageIds(bobPhone.all("message", m -> true)).containsAll(pending.keySet()));
        }
        catch (ConditionTimeoutException ex) {
            // recorded as missing below
        }
        sleep(SETTLE);
        bobPhone.pingAndAwaitPong();
        List<JsonNode> arrivals = bobPhone.all("message", m -> true);
        Connect connect = Connect.of(round, connectAfter, arrivals, pending, ledger);
        ledger.received(arrivals);

        Map<String, Set<String>> toAck = new LinkedHashMap<>();
        Map<String, Long> newestAcked = new HashMap<>();
        for (JsonNode message : arrivals) {
            toAck.computeIfAbsent(message.path("conversationId").asString(), c -> new LinkedHashSet<>())
                .add(message.path("messageId").asString());
        }
        toAck.forEach((conversation, ids) -> {
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += 256) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 256));
                JsonNode reply = bobPhone.ackDelivery(conversation, chunk);
                if ("ack".equals(reply.path("type").asString())) {
                    ledger.ackedByBob.addAll(chunk);
                    newestAcked.merge(conversation, newestSeq(arrivals, chunk), Math::max);
                }
            }
        });
        if (alicePhone != null) {
            // An answered ack is on its way to relay, not applied yet: a reconnect now
            // could replay what Bob acknowledged. Relay pushes Alice the DELIVERED
            // receipt once the rows are deleted.
            newestAcked.forEach((conversation, seq) -> alicePhone.awaitFrame("receipt",
                    r -> r.path("kind").asString().equals("DELIVERED")
                            && r.path("conversationId").asString().equals(conversation)
                            && r.path("upToSeq").asLong() >= seq));
        }
        return connect;
    }

    private static long newestSeq(List<JsonNode> messages, List<String> messageIds) {
        return messages.stream()
            .filter(m -> messageIds.contains(m.path("messageId").asString()))
            .mapToLong(m -> m.path("seq").asLong())
            .max()
            .orElse(Long.MIN_VALUE);
    }

    /** E.g. {@code after send 1: 3/25}: bad connects of all connects at that point. */
    private static String byConnectPoint(List<Connect> connects) {
        Map<Integer, List<Connect>> byPoint = connects.stream()
            .filter(c -> c.connectAfter() > 0)
            .collect(Collectors.groupingBy(Connect::connectAfter, TreeMap::new, Collectors.toList()));
        return byPoint.entrySet()
            .stream()
            .map(e -> "after send " + e.getKey() + ": "
                    + e.getValue().stream().filter(c -> c.outOfOrder() || c.duplicate()).count() + "/"
                    + e.getValue().size())
            .collect(Collectors.joining(", "));
    }

    private static Set<String> messageIds(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("messageId").asString()).collect(Collectors.toSet());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A message Alice got an ack for. */
    record Sent(String messageId, String conversationId, long seq) {
    }

    /** One {@code send_message} of Alice's, sent without waiting for its answer. */
    record Send(String frameId, String clientMsgId, String to, String text) {

        static Send to(WsClient sender, User recipient, String text) {
            String clientMsgId = UUID.randomUUID().toString();
            return new Send(sender.sendMessage(recipient.userId(), clientMsgId, text), clientMsgId, recipient.userId(),
                    text);
        }

        /**
         * The ack of this send; a retryable error is retried with the same
         * {@code clientMsgId}, as the protocol asks (section 6).
         */
        Sent awaitAck(WsClient sender) {
            JsonNode reply = sender.awaitReply(frameId);
            for (int retry = 0; retry < 5 && reply.path("retryable").asBoolean(false); retry++) {
                sleep(Duration.ofMillis(200L << retry));
                reply = sender.awaitReply(sender.sendMessage(to, clientMsgId, text));
            }
            assertThat(reply.path("type").asString()).as(reply.toString()).isEqualTo("ack");
            return new Sent(reply.path("messageId").asString(), reply.path("conversationId").asString(),
                    reply.path("seq").asLong());
        }
    }

    /**
     * What the test knows about the messages: every one Alice got an ack for, every one
     * Bob received and every one he acknowledged.
     */
    static final class Ledger {

        final Map<String, Sent> acked = new LinkedHashMap<>();

        final Set<String> receivedByBob = new HashSet<>();

        final Set<String> ackedByBob = new HashSet<>();

        void sent(Sent sent) {
            acked.put(sent.messageId(), sent);
        }

        void received(List<JsonNode> messages) {
            receivedByBob.addAll(messageIds(messages));
        }

        /**
         * Acked to Alice, not yet acknowledged by Bob: what his next connect must bring.
         */
        Map<String, Sent> pending() {
            Map<String, Sent> pending = new LinkedHashMap<>(acked);
            pending.keySet().removeAll(ackedByBob);
            return pending;
        }

        Set<String> lost() {
            Set<String> lost = new LinkedHashSet<>(acked.keySet());
            lost.removeAll(receivedByBob);
            return lost;
        }

    }

    /**
     * What one connection of Bob's phone received, judged per conversation.
     *
     * @param round the round (1-based)
     * @param connectAfter how many sends of the burst went out before the connect
     * @param arrivals {@code conversationId: seqs} in arrival order, for the report
     * @param outOfOrder a message arrived after a newer one of its conversation (its
     * first copy; together with {@code duplicate}: the seqs of the frames did not
     * strictly increase)
     * @param duplicate a messageId arrived twice
     * @param gap the not yet acknowledged seqs received are not contiguous from the
     * oldest pending one up to the newest received
     * @param stale a message Bob had acknowledged before the connect arrived again
     * @param missing pending messages that did not arrive
     */
    record Connect(int round, int connectAfter, String arrivals, boolean outOfOrder, boolean duplicate, boolean gap,
            boolean stale, Set<Long> missing) {

        static Connect of(int round, int connectAfter, List<JsonNode> messages, Map<String, Sent> pending,
                Ledger ledger) {
            Map<String, List<JsonNode>> byConversation = new LinkedHashMap<>();
            for (JsonNode message : messages) {
                byConversation.computeIfAbsent(message.path("conversationId").asString(), c -> new ArrayList<>())
                    .add(message);
            }
            boolean outOfOrder = false;
            boolean duplicate = false;
            boolean gap = false;
            boolean stale = false;
            for (Map.Entry<String, List<JsonNode>> conversation : byConversation.entrySet()) {
                Set<String> seen = new HashSet<>();
                Set<Long> fresh = new HashSet<>();
                long newestSoFar = Long.MIN_VALUE;
                for (JsonNode message : conversation.getValue()) {
                    String messageId = message.path("messageId").asString();
                    long seq = message.path("seq").asLong();
                    if (seen.add(messageId)) {
                        // the first copy of a message: it must be newer than every
                        // message before it
                        outOfOrder |= seq <= newestSoFar;
                        newestSoFar = Math.max(newestSoFar, seq);
                    }
                    else {
                        duplicate = true;
                    }
                    if (ledger.ackedByBob.contains(messageId)) {
                        stale = true;
                    }
                    else {
                        fresh.add(seq);
                    }
                }
                long oldestPending = pending.values()
                    .stream()
                    .filter(s -> s.conversationId().equals(conversation.getKey()))
                    .mapToLong(Sent::seq)
                    .min()
                    .orElse(Long.MAX_VALUE);
                long newest = fresh.stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
                long from = Math.min(oldestPending, fresh.stream().mapToLong(Long::longValue).min().orElse(newest));
                gap |= !fresh.isEmpty() && fresh.size() != newest - from + 1;
            }
            Set<String> arrived = messageIds(messages);
            Set<Long> missing = pending.values()
                .stream()
                .filter(s -> !arrived.contains(s.messageId()))
                .map(Sent::seq)
                .collect(Collectors.toCollection(TreeSet::new));
            String arrivals = byConversation.entrySet()
                .stream()
                .map(c -> c.getKey() + ": "
                        + c.getValue().stream().map(m -> m.path("seq").asString()).collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "));
            return new Connect(round, connectAfter, arrivals, outOfOrder, duplicate, gap, stale, missing);
        }

        String describe() {
            String when = (connectAfter > 0) ? "connected after send " + connectAfter + " of " + BURST
                    : "connected after the last round, without a burst";
            return "round " + round + " (" + when + "): " + arrivals + (outOfOrder ? " [out of order]" : "")
                    + (duplicate ? " [duplicate]" : "") + (gap ? " [gap]" : "") + (stale ? " [acked again]" : "")
                    + (missing.isEmpty() ? "" : " [missing seqs " + missing + "]");
        }

    }

}
