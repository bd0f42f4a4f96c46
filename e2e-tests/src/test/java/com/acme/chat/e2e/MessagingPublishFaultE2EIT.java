package com.acme.chat.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.e2e.testsupport.ChatApi;
import com.acme.chat.e2e.testsupport.ChatApi.User;
import com.acme.chat.localstack.Component;
import com.acme.chat.localstack.Servers;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.MessagingInstances;
import com.acme.chat.testsupport.PrivateServers;
import com.acme.chat.testsupport.TestNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message stored while its event cannot reach Kafka still reaches the topic (ADR 0016),
 * although its sender never retries: a real messaging process publishing to the private
 * Kafka, which the test stops. The sender gets 503 for the message (the event was not
 * acked) and gives up. Then either the owner publishes it once Kafka is back (after the
 * producer itself gave up on it), or the owner is killed while Kafka is down and the next
 * owner publishes it from the shard's outbox.
 */
@Timeout(300)
class MessagingPublishFaultE2EIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Component kafka;

    private MessagingInstances instances;

    private KafkaConsumer<String, String> consumer;

    @BeforeAll
    static void stack() {
        ChatApi.ensureStack();
        kafka = PrivateServers.kafka();
    }

    @BeforeEach
    void instance() {
        // The producer gives up on an event after 6 s, so only the outbox can bring it
        // back.
        instances = new MessagingInstances(1,
                List.of("--spring.kafka.bootstrap-servers=127.0.0.1:" + Servers.PRIVATE_KAFKA_PORT,
                        "--spring.kafka.producer.properties.delivery.timeout.ms=6000",
                        "--spring.kafka.producer.properties.request.timeout.ms=4000",
                        "--chat.kafka.publish-timeout=3s"));
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + Servers.PRIVATE_KAFKA_PORT, ConsumerConfig.GROUP_ID_CONFIG,
                "publish-fault-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    @AfterEach
    void close() {
        consumer.close();
        instances.close();
        PrivateServers.start(kafka);
    }

    @Test
    void anEventThatFailedWhileKafkaWasDownIsPublishedWhenItIsBack() throws Exception {
        Outage outage = sendDuringAnOutage();
        MessagingInstances.Instance owner = outage.owner();
        // Past the producer's delivery timeout: nothing but the owner brings it back.
        Thread.sleep(8_000);
        PrivateServers.start(kafka);

        String second = storedMessageIds(owner, outage.sender(), outage.conversation()).get(1);
        awaitEvents(Set.of(second));
    }

    @Test
    void anEventLostWithItsKilledOwnerIsPublishedByTheNextOwner() throws Exception {
        Outage outage = sendDuringAnOutage();
        MessagingInstances.Instance owner = outage.owner();
        owner.kill();
        PrivateServers.start(kafka);
        // A new process: it takes the shards over once the killed one's leases ran out.
        owner.start();

        List<String> stored = storedMessageIds(owner, outage.sender(), outage.conversation());
        assertThat(stored).hasSize(2);
        awaitEvents(Set.of(stored.get(1)));
    }

    /**
     * The owner, a sender and the conversation in which one message failed to publish.
     */
    private record Outage(MessagingInstances.Instance owner, User sender, String conversation) {
    }

    /**
     * A first message is published; then the private Kafka stops and a second message is
     * stored, answered 503 and never retried. Kafka stays stopped.
     */
    private Outage sendDuringAnOutage() throws Exception {
        MessagingInstances.Instance owner = instances.get(0).start();
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        JsonNode first = Http.json(expectStatus(send(owner, alice, bob, "before the outage"), 201));
        subscribe();
        awaitEvents(Set.of(first.path("messageId").asString()));

        PrivateServers.stop(kafka);
        expectStatus(send(owner, alice, bob, "during the outage"), 503);
        return new Outage(owner, alice, first.path("conversationId").asString());
    }

    private void subscribe() {
        consumer.subscribe(List.of(ChatNamespace.of(TestNamespace.current()).topic(Topics.MESSAGES)));
    }

    /** Polls the topic until every one of these message ids has been seen in an event. */
    private void awaitEvents(Set<String> messageIds) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!seen.containsAll(messageIds)) {
            assertThat(System.nanoTime() - deadline).as("events of %s on the topic; seen %s", messageIds, seen)
                .isNegative();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                seen.add(Json.read(record.value()).path("messageId").asString());
            }
        }
    }

    /** The conversation's message ids in seq order: 1..n without a gap. */
    private static List<String> storedMessageIds(MessagingInstances.Instance instance, User reader,
            String conversation) {
        HttpResponse<String> page = Http.get(
                instance.url() + "/api/v1/conversations/" + conversation + "/messages?afterSeq=0&limit=50",
                reader.token());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        long expectedSeq = 1;
        for (JsonNode message : Http.json(page).path("messages")) {
            assertThat(message.path("seq").asLong()).isEqualTo(expectedSeq++);
            ids.add(message.path("messageId").asString());
        }
        return ids;
    }

    private static HttpResponse<String> expectStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static HttpResponse<String> send(MessagingInstances.Instance instance, User from, User to, String text)
            throws Exception {
        String body = Json.object("clientMsgId", UUID.randomUUID().toString(), "to", to.userId(), "text", text);
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.url() + "/api/v1/messages"))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + from.token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
