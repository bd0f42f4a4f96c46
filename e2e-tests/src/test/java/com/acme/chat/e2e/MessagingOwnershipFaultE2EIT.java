package com.acme.chat.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import com.acme.chat.e2e.testsupport.ChatApi;
import com.acme.chat.e2e.testsupport.ChatApi.User;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.MessagingInstances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single writer per conversation shard under faults (ADR 0014), with two or more real
 * messaging processes sharing a lease group (3 s leases). Senders keep sending through
 * both instances and retry every unanswered or 503 send with the same clientMsgId until
 * it is acked, like a client. Each scenario ends by reading every conversation back: its
 * seqs are 1..n without a gap, no message is stored twice, and every acked message is
 * stored at the seq its ack named.
 */
@Timeout(600)
class MessagingOwnershipFaultE2EIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private static final int CONVERSATIONS = 6;

    private static final int PAGE = 200;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void stack() {
        ChatApi.ensureStack();
    }

    @Test
    void anOwnerPausedPastItsLeaseIsTakenOverAndAcknowledgesNothingWhenItWakesUp() throws Exception {
        try (MessagingInstances instances = new MessagingInstances(2)) {
            MessagingInstances.Instance first = instances.get(0).start();
            MessagingInstances.Instance second = instances.get(1).start();
            // The first holds every shard; the second forwards to it.
            assertThat(ownedShards(first)).isEqualTo(8);
            assertThat(ownedShards(second)).isZero();

            try (Senders senders = new Senders(List.of(first, second))) {
                senders.awaitAcks(30);
                first.pause();
                try {
                    // Lease 3 s + margin 0.5 s: the second takes over while the first
                    // sleeps.
                    Thread.sleep(6_000);
                    senders.awaitAcks(senders.acked() + 20);
                }
                finally {
                    first.resume();
                }
                senders.awaitAcks(senders.acked() + 40);
                senders.verify();
            }
            assertThat(ownedShards(second)).isEqualTo(8);
            assertThat(ownedShards(first)).isZero();
        }
    }

    @Test
    void anOwnerKilledMidBatchLosesNothingAndComesBackAsAFollower() throws Exception {
        try (MessagingInstances instances = new MessagingInstances(2)) {
            MessagingInstances.Instance first = instances.get(0).start();
            MessagingInstances.Instance second = instances.get(1).start();

            try (Senders senders = new Senders(List.of(first, second))) {
                senders.awaitAcks(30);
                first.kill();
                senders.awaitAcks(senders.acked() + 30);
                first.start();
                senders.awaitAcks(senders.acked() + 30);
                senders.verify();
            }
            assertThat(ownedShards(second)).isEqualTo(8);
        }
    }

    @Test
    void instancesStartedTogetherSplitTheShardsWithoutOverlap() throws Exception {
        try (MessagingInstances instances = new MessagingInstances(3)) {
            instances.startAllAtOnce();
            int owned = 0;
            for (MessagingInstances.Instance instance : instances.all()) {
                owned += ownedShards(instance);
            }
            // Each of the 8 shards has exactly one owner: more would mean two writers,
            // fewer
            // a shard nobody serves.
            assertThat(owned).isEqualTo(8);

            try (Senders senders = new Senders(instances.all())) {
                senders.awaitAcks(60);
                senders.verify();
            }
        }
    }

    private static int ownedShards(MessagingInstances.Instance instance) {
        HttpResponse<String> metrics = Http.get(instance.url() + "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher owned = Pattern.compile("(?m)^chat_messaging_shards_owned\\{[^}]*} ([0-9.]+)$").matcher(metrics.body());
        assertThat(owned.find()).as("shards gauge of %s", instance.name()).isTrue();
        return (int) Double.parseDouble(owned.group(1));
    }

    /**
     * One sender thread per conversation, each sending its next message only when the
     * previous one was acked, through the instances in turn, retrying on 503, time-outs
     * and refused connections with the same clientMsgId.
     */
    private static final class Senders implements AutoCloseable {

        private final List<MessagingInstances.Instance> instances;

        private final ExecutorService threads = Executors.newFixedThreadPool(CONVERSATIONS);

        private final List<Future<?>> running = new ArrayList<>();

        private final AtomicBoolean stop = new AtomicBoolean();

        private final AtomicInteger acks = new AtomicInteger();

        private final Map<String, Map<String, Long>> ackedByConversation = new ConcurrentHashMap<>();

        private final Map<String, User> readers = new ConcurrentHashMap<>();

        private final AtomicInteger retries = new AtomicInteger();

        Senders(List<MessagingInstances.Instance> instances) {
            this.instances = instances;
            for (int i = 0; i < CONVERSATIONS; i++) {
                User from = ChatApi.newUser("from" + i);
                User to = ChatApi.newUser("to" + i);
                running.add(threads.submit(() -> sendUntilStopped(from, to)));
            }
        }

        int acked() {
            return acks.get();
        }

        void awaitAcks(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (acks.get() < count) {
                assertThat(System.nanoTime() - deadline).as("%d acks of %d in time", acks.get(), count).isNegative();
                running.stream().filter(Future::isDone).findFirst().ifPresent(Senders::rethrow);
                Thread.sleep(50);
            }
        }

        private void sendUntilStopped(User from, User to) {
            int attempt = 0;
            for (int n = 1; !stop.get(); n++) {
                String clientMsgId = UUID.randomUUID().toString();
                String body = Json.object("clientMsgId", clientMsgId, "to", to.userId(), "text", "message " + n);
                while (true) {
                    MessagingInstances.Instance instance = instances.get(attempt++ % instances.size());
                    HttpResponse<String> response = post(instance, from, body);
                    if (response != null && (response.statusCode() == 200 || response.statusCode() == 201)) {
                        JsonNode ack = Http.json(response);
                        String conversation = ack.path("conversationId").asString();
                        readers.putIfAbsent(conversation, from);
                        Long earlier = ackedByConversation.computeIfAbsent(conversation, c -> new ConcurrentHashMap<>())
                            .put(ack.path("messageId").asString(), ack.path("seq").asLong());
                        assertThat(earlier).as("a message acked twice at different seqs")
                            .isIn(null, ack.path("seq").asLong());
                        acks.incrementAndGet();
                        break;
                    }
                    if (response != null && response.statusCode() != 503) {
                        throw new AssertionError("unexpected answer " + response.statusCode() + " " + response.body());
                    }
                    retries.incrementAndGet();
                    sleep(100);
                }
            }
        }

        private static HttpResponse<String> post(MessagingInstances.Instance instance, User from, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(instance.url() + "/api/v1/messages"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + from.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException ex) {
                // Refused (killed), timed out (paused): the outcome is unknown, so retry.
                return null;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        /**
         * Stops the senders and reads every conversation back from storage (any instance
         * reads every conversation).
         */
        void verify() throws Exception {
            close();
            for (Map.Entry<String, Map<String, Long>> conversation : ackedByConversation.entrySet()) {
                User reader = readers.get(conversation.getKey());
                Map<String, Long> stored = new HashMap<>();
                List<Long> seqs = new ArrayList<>();
                int pageSize;
                do {
                    long after = seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
                    HttpResponse<String> page = Http.get(
                            instances.get(instances.size() - 1).url() + "/api/v1/conversations/" + conversation.getKey()
                                    + "/messages?afterSeq=" + after + "&limit=" + PAGE,
                            reader.token());
                    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                    pageSize = 0;
                    for (JsonNode message : Http.json(page).path("messages")) {
                        Long twice = stored.put(message.path("messageId").asString(), message.path("seq").asLong());
                        assertThat(twice).as("message %s stored twice", message.path("messageId").asString()).isNull();
                        seqs.add(message.path("seq").asLong());
                        pageSize++;
                    }
                }
                while (pageSize == PAGE);
                assertThat(seqs).as("seqs of %s: gap-free from 1", conversation.getKey())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
                assertThat(stored).as("every acked message at its acked seq, nothing else")
                    .containsExactlyInAnyOrderEntriesOf(conversation.getValue());
            }
            System.out.printf("[fault] %d acked messages in %d conversations, %d retries%n", acks.get(),
                    ackedByConversation.size(), retries.get());
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            for (Future<?> sender : running) {
                sender.get();
            }
            threads.shutdown();
        }

        private static void rethrow(Future<?> done) {
            try {
                done.get();
            }
            catch (Exception ex) {
                throw new AssertionError("a sender failed", ex);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

    }

}
