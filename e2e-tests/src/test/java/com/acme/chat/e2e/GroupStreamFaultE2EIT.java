package com.acme.chat.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import java.util.stream.LongStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.e2e.testsupport.ChatApi;
import com.acme.chat.e2e.testsupport.ChatApi.User;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.LocalServers;
import com.acme.chat.testsupport.MessagingInstances;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's stream under faults (docs/adr/0026): two real messaging processes in a
 * namespace of their own share the group's changes from {@code chat.groups.v1} (so one
 * often consumes a change of a group the other writes, and asks the owner to catch up)
 * while members keep sending; the owner is killed mid-run and comes back. Every group's
 * stream must end gap-free, with each change as exactly one system message, in version
 * order, and every acked message at its acked seq, stored once.
 */
@Timeout(600)
class GroupStreamFaultE2EIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final int GROUPS = 4;

    private static final int CHANGES = 12;

    @BeforeAll
    static void stack() {
        ChatApi.ensureStack();
    }

    @Test
    void changesAndSendsSurviveTheOwnersDeathInOneGapFreeStreamPerGroup() throws Exception {
        String namespace = "gf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ChatNamespace ns = ChatNamespace.of(namespace);
        User alice = ChatApi.newUser("alice");
        List<GroupId> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups.add(GroupId.of("fault-" + i + "-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        try (MessagingInstances instances = new MessagingInstances(2, namespace, List.of());
                KafkaProducer<String, String> producer = producer()) {
            MessagingInstances.Instance first = instances.get(0).start();
            MessagingInstances.Instance second = instances.get(1).start();
            for (GroupId group : groups) {
                publish(producer, ns, new GroupCreated(UUID.randomUUID(), Instant.now(), GroupCreated.VERSION, group,
                        "fault", UserId.of(alice.userId()), List.of(UserId.of(alice.userId())), 1));
            }
            try (Senders senders = new Senders(instances.all(), alice, groups)) {
                senders.awaitAcks(20);
                for (int version = 2; version <= CHANGES; version++) {
                    for (GroupId group : groups) {
                        publish(producer, ns, new MemberAdded(UUID.randomUUID(), Instant.now(), MemberAdded.VERSION,
                                group, UserId.of("member-" + version), UserId.of(alice.userId()), version));
                    }
                    if (version == 6) {
                        // The owner of every shard dies between changes and sends.
                        first.kill();
                    }
                    if (version == 9) {
                        first.start();
                    }
                    Thread.sleep(300);
                }
                senders.awaitAcks(senders.acked() + 20);
                senders.awaitChanges(CHANGES);
                senders.verify(CHANGES);
            }
            assertThat(second.url()).isNotNull();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static void publish(KafkaProducer<String, String> producer, ChatNamespace namespace,
            com.acme.chat.common.event.GroupEvent event) throws Exception {
        producer
            .send(new ProducerRecord<>(namespace.topic(Topics.GROUPS), event.groupId().value(),
                    Json.MAPPER.writeValueAsString((ChatEvent) event)))
            .get();
    }

    /**
     * One sender thread per group, sending as its only original member through the
     * instances in turn and retrying every unanswered, 503 or early {@code not_a_member}
     * (the creation not applied yet) send with the same clientMsgId until it is acked.
     */
    private static final class Senders implements AutoCloseable {

        private final List<MessagingInstances.Instance> instances;

        private final User sender;

        private final ExecutorService threads;

        private final List<Future<?>> running = new ArrayList<>();

        private final AtomicBoolean stop = new AtomicBoolean();

        private final AtomicInteger acks = new AtomicInteger();

        private final AtomicInteger retries = new AtomicInteger();

        private final Map<String, Map<String, Long>> ackedByConversation = new ConcurrentHashMap<>();

        private final List<GroupId> groups;

        Senders(List<MessagingInstances.Instance> instances, User sender, List<GroupId> groups) {
            this.instances = instances;
            this.sender = sender;
            this.groups = groups;
            this.threads = Executors.newFixedThreadPool(groups.size());
            for (GroupId group : groups) {
                running.add(threads.submit(() -> sendUntilStopped(group)));
            }
        }

        int acked() {
            return acks.get();
        }

        void awaitAcks(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (acks.get() < count) {
                assertThat(System.nanoTime() - deadline).as("%d acks of %d in time", acks.get(), count).isNegative();
                running.stream().filter(Future::isDone).findFirst().ifPresent(Senders::rethrow);
                Thread.sleep(50);
            }
        }

        private void sendUntilStopped(GroupId group) {
            int attempt = 0;
            for (int n = 1; !stop.get(); n++) {
                String body = Json.object("clientMsgId", UUID.randomUUID().toString(), "group", group.value(), "text",
                        "message " + n);
                while (!stop.get()) {
                    MessagingInstances.Instance instance = instances.get(attempt++ % instances.size());
                    HttpResponse<String> response = post(instance, "/api/v1/messages", body);
                    if (response != null && (response.statusCode() == 200 || response.statusCode() == 201)) {
                        JsonNode ack = Http.json(response);
                        Long earlier = ackedByConversation
                            .computeIfAbsent(ack.path("conversationId").asString(), c -> new ConcurrentHashMap<>())
                            .put(ack.path("messageId").asString(), ack.path("seq").asLong());
                        assertThat(earlier).as("a message acked twice at different seqs")
                            .isIn(null, ack.path("seq").asLong());
                        acks.incrementAndGet();
                        break;
                    }
                    // not_a_member is expected only before the group's creation is
                    // applied.
                    boolean early = response != null && response.statusCode() == 403
                            && !ackedByConversation.containsKey("g:" + group.value());
                    if (response != null && response.statusCode() != 503 && !early) {
                        throw new AssertionError("unexpected answer " + response.statusCode() + " " + response.body());
                    }
                    retries.incrementAndGet();
                    sleep(100);
                }
            }
        }

        private HttpResponse<String> post(MessagingInstances.Instance instance, String path, String body) {
            return call(HttpRequest.newBuilder(URI.create(instance.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
        }

        private HttpResponse<String> call(HttpRequest.Builder request) {
            try {
                return CLIENT.send(
                        request.timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + sender.token()).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException ex) {
                // Refused (killed) or timed out: the outcome is unknown, so retry.
                return null;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        /** Waits until every group's stream shows its last change. */
        void awaitChanges(int lastVersion) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (GroupId group : groups) {
                while (systemVersions(read(group)).stream().noneMatch(v -> v == lastVersion)) {
                    assertThat(System.nanoTime() - deadline).as("change %d of %s in time", lastVersion, group)
                        .isNegative();
                    Thread.sleep(200);
                }
            }
        }

        /**
         * Every message of the group's stream, oldest first, read from whichever instance
         * answers.
         */
        private List<JsonNode> read(GroupId group) {
            List<JsonNode> messages = new ArrayList<>();
            int pageSize;
            do {
                long after = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).path("seq").asLong();
                HttpResponse<String> page = null;
                for (int i = 0; page == null || page.statusCode() != 200; i++) {
                    assertThat(i).as("an instance answers a read").isLessThan(100);
                    page = call(HttpRequest
                        .newBuilder(URI.create(instances.get(i % instances.size()).url() + "/api/v1/conversations/g%3A"
                                + group.value() + "/messages?afterSeq=" + after + "&limit=200"))
                        .GET());
                    if (page == null || page.statusCode() != 200) {
                        sleep(100);
                    }
                }
                pageSize = 0;
                for (JsonNode message : Http.json(page).path("messages")) {
                    messages.add(message);
                    pageSize++;
                }
            }
            while (pageSize == 200);
            return messages;
        }

        private static List<Long> systemVersions(List<JsonNode> messages) {
            return messages.stream()
                .filter(m -> m.has("system"))
                .map(m -> m.path("system").path("groupVersion").asLong())
                .toList();
        }

        void verify(int lastVersion) throws Exception {
            close();
            for (GroupId group : groups) {
                List<JsonNode> messages = read(group);
                List<Long> seqs = messages.stream().map(m -> m.path("seq").asLong()).toList();
                assertThat(seqs).as("seqs of %s: gap-free from 1", group)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
                assertThat(systemVersions(messages)).as("each change once, in order, in %s", group)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
                Map<String, Long> stored = new HashMap<>();
                for (JsonNode message : messages) {
                    if (!message.has("system")) {
                        Long twice = stored.put(message.path("messageId").asString(), message.path("seq").asLong());
                        assertThat(twice).as("message stored twice").isNull();
                    }
                }
                assertThat(stored).as("every acked message of %s at its acked seq, nothing else", group)
                    .containsExactlyInAnyOrderEntriesOf(
                            ackedByConversation.getOrDefault("g:" + group.value(), Map.of()));
            }
            System.out.printf("[fault] %d acked group messages in %d groups, %d retries%n", acks.get(), groups.size(),
                    retries.get());
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
