package com.acme.chat.messaging.receipt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.messaging.testsupport.Kafka;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;

import static com.acme.chat.messaging.testsupport.Api.conversationPath;
import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static com.acme.chat.testsupport.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ChatIntegrationTest
class ReceiptsIT {

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JsonMapper json;

    @Autowired
    ReceiptRepository marks;

    @Autowired
    ChatNamespace namespace;

    Api api;

    Kafka kafka;

    String alice;

    String bob;

    String conversation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        kafka = new Kafka(namespace);
        alice = api.newUser("alice");
        bob = api.newUser("bob");
        conversation = ConversationId.direct(UserId.of(alice), UserId.of(bob)).value();
        for (int i = 1; i <= 3; i++) {
            api.sent(alice, bob, "message " + i);
        }
    }

    @Test
    void markReadIsMonotonic() {
        assertThat(markRead(bob, 2)).isEqualTo(204);
        assertThat(receiptOf(bob).path("readSeq").asLong()).isEqualTo(2);

        assertThat(markRead(bob, 1)).isEqualTo(204);
        assertThat(receiptOf(bob).path("readSeq").asLong()).isEqualTo(2);

        assertThat(markRead(bob, 3)).isEqualTo(204);
        JsonNode receipt = receiptOf(bob);
        assertThat(receipt.path("readSeq").asLong()).isEqualTo(3);
        assertThat(receipt.path("deliveredSeq").asLong()).isEqualTo(3);
        assertThat(Instant.parse(receipt.path("updatedAt").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void concurrentMarksInAnyOrderLeaveTheHighest() throws Exception {
        ConversationId id = ConversationId.of(conversation);
        List<Long> seqs = new ArrayList<>();
        for (long seq = 1; seq <= 60; seq++) {
            seqs.add(seq);
        }
        Collections.shuffle(seqs, new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (long seq : seqs) {
                writes.add(pool
                    .submit(() -> marks.advance(id, UserId.of(bob), ReceiptKind.DELIVERED, seq, Instant.now())));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(marks.current(id, UserId.of(bob), ReceiptKind.DELIVERED)).isEqualTo(60);
        marks.advance(id, UserId.of(bob), ReceiptKind.DELIVERED, 12, Instant.now());
        assertThat(marks.current(id, UserId.of(bob), ReceiptKind.DELIVERED)).isEqualTo(60);
        // The two kinds are separate watermarks.
        assertThat(marks.current(id, UserId.of(bob), ReceiptKind.READ)).isZero();
    }

    @Test
    void readingBeyondTheNewestMessageIsValidationFailed() {
        assertProblem(api.post(conversationPath(conversation, "/read"), bob, object("seq", 4)), 400,
                "validation_failed");
        assertProblem(api.post(conversationPath(conversation, "/read"), bob, object("seq", -1)), 400,
                "validation_failed");
        assertProblem(api.post(conversationPath(conversation, "/read"), bob, "{}"), 400, "validation_failed");
    }

    @Test
    void receiptsListEveryMemberWithARecordedWatermark() {
        JsonNode empty = json(api.get(conversationPath(conversation, "/receipts"), alice));
        assertThat(empty.path("conversationId").asString()).isEqualTo(conversation);
        assertThat(empty.path("receipts").isEmpty()).isTrue();

        markRead(bob, 3);
        markRead(alice, 1);

        JsonNode receipts = json(api.get(conversationPath(conversation, "/receipts"), bob)).path("receipts");
        assertThat(receipts).extracting(r -> r.path("user").asString()).containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    @Timeout(60)
    void markReadPublishesAReadReceipt() {
        try (KafkaConsumer<String, String> consumer = kafka.consumerAtEnd(Topics.RECEIPTS)) {
            markRead(bob, 2);

            List<JsonNode> receipts = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Kafka.poll(consumer)
                    .stream()
                    .filter(r -> r.key().equals(conversation))
                    .forEach(r -> receipts.add(Json.read(r.value())));
                assertThat(receipts).hasSize(1);
            });
            JsonNode receipt = receipts.get(0);
            assertThat(receipt.path("type").asString()).isEqualTo("receipt_recorded");
            assertThat(receipt.path("user").asString()).isEqualTo(bob);
            assertThat(receipt.path("kind").asString()).isEqualTo("READ");
            assertThat(receipt.path("upToSeq").asLong()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(90)
    void deliveredReceiptsFromRelayMoveTheDeliveredWatermarkForwardOnly() {
        awaitListenerAssignment();
        publishDelivered(bob, 2);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(receiptOf(bob).path("deliveredSeq").asLong()).isEqualTo(2));

        publishDelivered(bob, 1);
        // Same key, same partition: once alice's later receipt is applied, bob's stale
        // one was processed before it.
        publishDelivered(alice, 3);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(receiptOf(alice).path("deliveredSeq").asLong()).isEqualTo(3));
        assertThat(receiptOf(bob).path("deliveredSeq").asLong()).isEqualTo(2);
        assertThat(receiptOf(bob).path("readSeq").asLong()).isZero();
    }

    @Test
    @Timeout(90)
    void unreadableReceiptRecordsAreSkipped() {
        awaitListenerAssignment();
        kafka.publish(Topics.RECEIPTS, conversation, "{not json");
        publishDelivered(bob, 1);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(receiptOf(bob).path("deliveredSeq").asLong()).isEqualTo(1));
    }

    private void awaitListenerAssignment() {
        await().atMost(Duration.ofSeconds(60))
            .until(() -> listeners.getListenerContainers()
                .stream()
                .allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
    }

    private void publishDelivered(String user, long upToSeq) {
        ReceiptRecorded receipt = new ReceiptRecorded(UUID.randomUUID(), Instant.now(), ReceiptRecorded.VERSION,
                ConversationId.of(conversation), UserId.of(user), ReceiptKind.DELIVERED, upToSeq);
        kafka.publish(Topics.RECEIPTS, conversation, json.writerFor(ChatEvent.class).writeValueAsString(receipt));
    }

    private int markRead(String user, long seq) {
        return api.post(conversationPath(conversation, "/read"), user, object("seq", seq)).statusCode();
    }

    private JsonNode receiptOf(String user) {
        var response = api.get(conversationPath(conversation, "/receipts"), alice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode receipt : json(response).path("receipts")) {
            if (receipt.path("user").asString().equals(user)) {
                return receipt;
            }
        }
        return Json.read("{\"deliveredSeq\": 0, \"readSeq\": 0}");
    }

}
