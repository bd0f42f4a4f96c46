package com.acme.chat.messaging.receipt;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupReceiptsCounted;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.messaging.testsupport.Kafka;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;

import static com.acme.chat.messaging.testsupport.Api.conversationPath;
import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static com.acme.chat.testsupport.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group receipts on real Kafka and Cassandra (docs/adr/0029): members' DELIVERED and READ
 * receipts become, per sender, few coalesced {@link GroupReceiptsCounted} events;
 * non-members get {@code not_a_member} and their receipts are dropped; the per-message
 * detail; the read receipts setting, reciprocal, in groups and 1:1.
 */
@ChatIntegrationTest
class GroupReceiptsIT {

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    JsonMapper json;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    Api api;

    Kafka kafka;

    KafkaConsumer<String, String> receipts;

    String alice;

    String bob;

    String carol;

    String dave;

    String conversation;

    final List<ChatEvent> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        kafka = new Kafka(namespace);
        alice = api.newUser("alice");
        bob = api.newUser("bob");
        carol = api.newUser("carol");
        dave = api.newUser("dave");
        GroupId group = GroupId.of("grp-" + UUID.randomUUID());
        conversation = ConversationId.group(group).value();
        kafka.publish(new GroupCreated(UUID.randomUUID(), Instant.now(), GroupCreated.VERSION, group, "Hikers",
                UserId.of(alice), List.of(UserId.of(alice), UserId.of(bob), UserId.of(carol)), 1), json);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(api.get(conversationPath(conversation, "/messages"), alice).statusCode())
                .isEqualTo(200));
        for (int i = 2; i <= 6; i++) {
            HttpResponse<String> sent = api.post("/api/v1/messages", alice,
                    object("clientMsgId", UUID.randomUUID().toString(), "group", group.value(), "text", "m" + i));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            assertThat(json(sent).path("seq").asLong()).isEqualTo(i);
        }
        receipts = kafka.consumerAtEnd(Topics.RECEIPTS);
        awaitListenerAssignment();
    }

    @AfterEach
    void tearDown() {
        receipts.close();
    }

    @Test
    @Timeout(120)
    void manyReceiptsBecomeFewCoalescedCountsForTheSender() {
        int published = 0;
        for (long seq = 2; seq <= 6; seq++) {
            publishDelivered(conversation, bob, seq);
            publishDelivered(conversation, carol, seq);
            published += 2;
        }
        assertThat(markRead(conversation, bob, 6)).isEqualTo(204);
        published++;

        MessageReceiptCounts last = awaitCounts(alice, 6, counts -> counts.read() == 1 && counts.delivered() == 2);
        assertThat(last.members()).isEqualTo(2);
        // Coalesced: at most one event per group and sender a second, not one per
        // receipt, let alone per member and message.
        long events = countedEvents(alice).size();
        assertThat(events).isLessThan(published).isLessThanOrEqualTo(5);
        // Each event carries the sender's messages whose counts moved, oldest first.
        GroupReceiptsCounted newest = countedEvents(alice).get((int) events - 1);
        assertThat(newest.messages()).extracting(MessageReceiptCounts::seq).isSorted();
        // Nobody else is told: alice is the only sender.
        assertThat(seen).filteredOn(GroupReceiptsCounted.class::isInstance)
            .allMatch(event -> ((GroupReceiptsCounted) event).sender().value().equals(alice));

        JsonNode detail = json(api.get(conversationPath(conversation, "/messages/6/receipts"), alice));
        assertThat(detail.path("sender").asString()).isEqualTo(alice);
        assertThat(detail.path("members").asInt()).isEqualTo(2);
        assertThat(detail.path("delivered").asInt()).isEqualTo(2);
        assertThat(detail.path("read").asInt()).isEqualTo(1);
        JsonNode bobs = detail.path("receipts").get(0).path("user").asString().equals(bob)
                ? detail.path("receipts").get(0) : detail.path("receipts").get(1);
        assertThat(bobs.path("read").asBoolean()).isTrue();
        assertThat(bobs.path("readAt").isString()).isTrue();
        assertThat(detail.path("receipts")).extracting(r -> r.path("user").asString())
            .containsExactlyInAnyOrder(bob, carol);
        // The conversation's receipts work for groups too.
        JsonNode list = json(api.get(conversationPath(conversation, "/receipts"), carol)).path("receipts");
        assertThat(list).extracting(r -> r.path("user").asString()).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    @Timeout(120)
    void nonMembersGetNotAMemberAndTheirReceiptsAreDropped() {
        assertProblem(api.post(conversationPath(conversation, "/read"), dave, object("seq", 2)), 403, "not_a_member");
        assertProblem(api.get(conversationPath(conversation, "/receipts"), dave), 403, "not_a_member");
        assertProblem(api.get(conversationPath(conversation, "/messages/2/receipts"), dave), 403, "not_a_member");
        String unknownGroup = "g:grp-" + UUID.randomUUID();
        assertProblem(api.get(conversationPath(unknownGroup, "/messages/1/receipts"), alice), 403, "not_a_member");
        // A member asking about a seq that does not exist yet.
        assertProblem(api.get(conversationPath(conversation, "/messages/99/receipts"), alice), 400,
                "validation_failed");

        // A stray delivered receipt of an outsider: dropped, and the partition goes on.
        publishDelivered(conversation, dave, 4);
        publishDelivered(conversation, bob, 4);
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(receiptOf(alice, bob).path("deliveredSeq").asLong()).isEqualTo(4));
        JsonNode list = json(api.get(conversationPath(conversation, "/receipts"), alice)).path("receipts");
        assertThat(list).extracting(r -> r.path("user").asString()).doesNotContain(dave);
    }

    @Test
    @Timeout(120)
    void readReceiptsOffHidesReadsBothWaysInGroupsAndDirectConversations() {
        JsonNode defaults = json(api.get("/api/v1/users/me/settings", carol));
        assertThat(defaults.path("readReceipts").asBoolean()).isTrue();
        assertThat(put(carol, false).path("readReceipts").asBoolean()).isFalse();
        assertThat(json(api.get("/api/v1/users/me/settings", carol)).path("readReceipts").asBoolean()).isFalse();
        assertProblem(api.request("/api/v1/users/me/settings", carol).put("{}"), 400, "validation_failed");

        assertThat(markRead(conversation, carol, 6)).isEqualTo(204);
        assertThat(markRead(conversation, bob, 6)).isEqualTo(204);

        // Alice counts bob's read, never carol's.
        awaitCounts(alice, 6, counts -> counts.read() == 1 && counts.delivered() == 2);
        JsonNode detail = json(api.get(conversationPath(conversation, "/messages/6/receipts"), alice));
        assertThat(detail.path("read").asInt()).isEqualTo(1);
        assertThat(receiptOf(alice, carol).path("readSeq").asLong()).isZero();
        assertThat(receiptOf(alice, bob).path("readSeq").asLong()).isEqualTo(6);
        // Carol sees her own read position (her devices sync it), nobody else's.
        assertThat(receiptOf(carol, carol).path("readSeq").asLong()).isEqualTo(6);
        assertThat(receiptOf(carol, bob).path("readSeq").asLong()).isZero();
        JsonNode carolsView = json(api.get(conversationPath(conversation, "/messages/6/receipts"), carol));
        // Only her own read, not bob's.
        assertThat(carolsView.path("read").asInt()).isEqualTo(1);
        assertThat(carolsView.path("receipts")).filteredOn(r -> r.path("user").asString().equals(bob))
            .singleElement()
            .satisfies(r -> assertThat(r.path("read").asBoolean()).isFalse());

        // 1:1: carol's read is not published; alice's, later on the same key, is.
        String direct = ConversationId.direct(UserId.of(alice), UserId.of(carol)).value();
        api.sent(alice, carol, "hi carol");
        api.sent(carol, alice, "hi alice");
        assertThat(markRead(direct, carol, 1)).isEqualTo(204);
        assertThat(markRead(direct, alice, 2)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(readsIn(direct)).contains(alice);
        });
        assertThat(readsIn(direct)).doesNotContain(carol);
        assertThat(receiptOf(alice, carol, direct).path("readSeq").asLong()).isZero();

        // Turned on again: her read position shows again.
        assertThat(put(carol, true).path("readReceipts").asBoolean()).isTrue();
        assertThat(receiptOf(alice, carol).path("readSeq").asLong()).isEqualTo(6);
        assertThat(receiptOf(carol, bob).path("readSeq").asLong()).isEqualTo(6);
    }

    private JsonNode put(String user, boolean readReceipts) {
        HttpResponse<String> response = api.request("/api/v1/users/me/settings", user)
            .put(object("readReceipts", readReceipts));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private List<String> readsIn(String direct) {
        return seen.stream()
            .filter(ReceiptRecorded.class::isInstance)
            .map(ReceiptRecorded.class::cast)
            .filter(receipt -> receipt.conversationId().value().equals(direct) && receipt.kind() == ReceiptKind.READ)
            .map(receipt -> receipt.user().value())
            .toList();
    }

    private MessageReceiptCounts awaitCounts(String sender, long seq,
            java.util.function.Predicate<MessageReceiptCounts> done) {
        MessageReceiptCounts[] found = new MessageReceiptCounts[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            poll();
            found[0] = countedEvents(sender).stream()
                .flatMap(event -> event.messages().stream())
                .filter(counts -> counts.seq() == seq)
                .reduce((first, second) -> second)
                .orElse(null);
            assertThat(found[0]).isNotNull().matches(done);
        });
        return found[0];
    }

    private List<GroupReceiptsCounted> countedEvents(String sender) {
        return seen.stream()
            .filter(GroupReceiptsCounted.class::isInstance)
            .map(GroupReceiptsCounted.class::cast)
            .filter(event -> event.conversationId().value().equals(conversation)
                    && event.sender().value().equals(sender))
            .toList();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : Kafka.poll(receipts)) {
            seen.add(json.readValue(record.value(), ChatEvent.class));
        }
    }

    private void awaitListenerAssignment() {
        await().atMost(Duration.ofSeconds(60))
            .until(() -> listeners.getListenerContainers()
                .stream()
                .allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
    }

    private void publishDelivered(String conversationId, String user, long upToSeq) {
        ReceiptRecorded receipt = new ReceiptRecorded(UUID.randomUUID(), Instant.now(), ReceiptRecorded.VERSION,
                ConversationId.of(conversationId), UserId.of(user), ReceiptKind.DELIVERED, upToSeq);
        kafka.publish(Topics.RECEIPTS, conversationId, json.writerFor(ChatEvent.class).writeValueAsString(receipt));
    }

    private int markRead(String conversationId, String user, long seq) {
        return api.post(conversationPath(conversationId, "/read"), user, object("seq", seq)).statusCode();
    }

    private JsonNode receiptOf(String viewer, String user) {
        return receiptOf(viewer, user, conversation);
    }

    private JsonNode receiptOf(String viewer, String user, String conversationId) {
        HttpResponse<String> response = api.get(conversationPath(conversationId, "/receipts"), viewer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode receipt : Http.json(response).path("receipts")) {
            if (receipt.path("user").asString().equals(user)) {
                return receipt;
            }
        }
        return Json.read("{\"deliveredSeq\": 0, \"readSeq\": 0}");
    }

}
