package com.acme.chat.messaging.group;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.GroupRenamed;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.event.MemberRoleChanged;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.messaging.testsupport.Kafka;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;

import static com.acme.chat.messaging.testsupport.Api.conversationPath;
import static com.acme.chat.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A group's stream on real Kafka and Cassandra: membership changes published on
 * {@code chat.groups.v1} (as group-service does) become system messages in the group's
 * seq stream; only members send; removed members get nothing after their removal and read
 * nothing after it; new members read from their join.
 */
@ChatIntegrationTest
class GroupStreamIT {

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    JsonMapper json;

    Api api;

    Kafka kafka;

    KafkaConsumer<String, String> messages;

    String alice;

    String bob;

    String carol;

    GroupId group;

    String conversation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        kafka = new Kafka(namespace);
        messages = kafka.consumerAtEnd(Topics.MESSAGES);
        alice = api.newUser("alice");
        bob = api.newUser("bob");
        carol = api.newUser("carol");
        group = GroupId.of("grp-" + UUID.randomUUID());
        conversation = "g:" + group.value();
    }

    @AfterEach
    void tearDown() {
        messages.close();
    }

    @Test
    void membershipChangesAreSystemMessagesAndDecideWhoSendsAndReads() {
        publish(new GroupCreated(UUID.randomUUID(), Instant.now(), GroupCreated.VERSION, group, "Hikers", user(alice),
                List.of(user(alice), user(bob)), 1));
        JsonNode created = awaitMessage(alice, 1);
        assertThat(created.path("sender").asString()).isEqualTo(alice);
        assertThat(created.path("system").path("event").asString()).isEqualTo("group_created");
        assertThat(created.path("system").path("name").asString()).isEqualTo("Hikers");
        assertThat(created.path("system").path("groupVersion").asLong()).isEqualTo(1);
        MessageSent createdEvent = awaitEvent(1);
        assertThat(createdEvent.recipients()).containsExactlyInAnyOrder(user(alice), user(bob));
        assertThat(createdEvent.system()).isNotNull();
        assertThat(createdEvent.group()).isEqualTo(group);

        JsonNode first = sentToGroup(alice, "hello", UUID.randomUUID().toString());
        assertThat(first.path("seq").asLong()).isEqualTo(2);
        assertThat(awaitEvent(2).recipients()).containsExactlyInAnyOrder(user(alice), user(bob));

        // Outsiders: no send, no read, and an unknown group answers the same.
        assertProblem(sendToGroup(carol, group.value(), "let me in", UUID.randomUUID().toString()), 403,
                "not_a_member");
        assertProblem(sendToGroup(alice, "no-such-" + UUID.randomUUID(), "hi", UUID.randomUUID().toString()), 403,
                "not_a_member");
        assertProblem(api.get(conversationPath(conversation, "/messages"), carol), 403, "not_a_member");

        publish(new MemberAdded(UUID.randomUUID(), Instant.now(), MemberAdded.VERSION, group, user(carol), user(alice),
                2));
        JsonNode added = awaitMessage(alice, 3);
        assertThat(added.path("system").path("event").asString()).isEqualTo("member_added");
        assertThat(added.path("system").path("user").asString()).isEqualTo(carol);
        assertThat(awaitEvent(3).recipients()).contains(user(carol));
        sentToGroup(carol, "hi all", UUID.randomUUID().toString());
        // Carol reads from her join on: not the greeting before it.
        assertThat(seqs(carol, "")).containsExactly(4L, 3L);
        assertThat(seqs(carol, "?afterSeq=0")).containsExactly(3L, 4L);

        publish(new MemberRemoved(UUID.randomUUID(), Instant.now(), MemberRemoved.VERSION, group, user(bob),
                user(alice), 3));
        JsonNode removed = awaitMessage(alice, 5);
        assertThat(removed.path("system").path("event").asString()).isEqualTo("member_removed");
        // Bob gets his own removal, and nothing after it.
        assertThat(awaitEvent(5).recipients()).contains(user(bob));
        sentToGroup(alice, "bob is gone", UUID.randomUUID().toString());
        assertThat(awaitEvent(6).recipients()).containsExactlyInAnyOrder(user(alice), user(carol));
        assertThat(seqs(bob, "")).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(seqs(bob, "?afterSeq=4")).containsExactly(5L);
        assertProblem(sendToGroup(bob, group.value(), "still here?", UUID.randomUUID().toString()), 403,
                "not_a_member");
        assertThat(seqs(alice, "")).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void aRetriedSendReturnsTheOriginalAckAndARepeatedChangeIsAppliedOnce() {
        publish(new GroupCreated(UUID.randomUUID(), Instant.now(), GroupCreated.VERSION, group, "Team", user(alice),
                List.of(user(alice), user(bob)), 1));
        awaitMessage(alice, 1);
        String clientMsgId = UUID.randomUUID().toString();
        JsonNode ack = sentToGroup(alice, "once", clientMsgId);
        HttpResponse<String> retry = sendToGroup(alice, group.value(), "once", clientMsgId);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Http.json(retry).path("messageId").asString()).isEqualTo(ack.path("messageId").asString());
        assertThat(Http.json(retry).path("duplicate").asBoolean()).isTrue();
        assertProblem(sendToGroup(alice, group.value(), "other text", clientMsgId), 409, "duplicate_mismatch");

        // Version 3 arrives before 2 (a late duplicate of the log's publication): it
        // waits.
        GroupRenamed renamed = new GroupRenamed(UUID.randomUUID(), Instant.now(), GroupRenamed.VERSION, group, "Team 2",
                user(alice), 3);
        publish(renamed);
        MemberRoleChanged promoted = new MemberRoleChanged(UUID.randomUUID(), Instant.now(), MemberRoleChanged.VERSION,
                group, user(bob), GroupRole.ADMIN, user(alice), 2);
        publish(promoted);
        JsonNode role = awaitMessage(alice, 3);
        assertThat(role.path("system").path("event").asString()).isEqualTo("role_changed");
        assertThat(role.path("system").path("role").asString()).isEqualTo("ADMIN");
        JsonNode rename = awaitMessage(alice, 4);
        assertThat(rename.path("system").path("event").asString()).isEqualTo("group_renamed");
        // Published again (at least once): nothing new in the stream.
        publish(promoted);
        publish(renamed);
        JsonNode next = sentToGroup(bob, "after the repeats", UUID.randomUUID().toString());
        assertThat(next.path("seq").asLong()).isEqualTo(5);
    }

    private static UserId user(String id) {
        return UserId.of(id);
    }

    private void publish(GroupEvent event) {
        kafka.publish(event, json);
    }

    private HttpResponse<String> sendToGroup(String from, String groupId, String text, String clientMsgId) {
        return api.post("/api/v1/messages", from,
                Json.object("clientMsgId", clientMsgId, "group", groupId, "text", text));
    }

    private JsonNode sentToGroup(String from, String text, String clientMsgId) {
        HttpResponse<String> response = sendToGroup(from, group.value(), text, clientMsgId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private List<Long> seqs(String user, String query) {
        HttpResponse<String> response = api.get(conversationPath(conversation, "/messages" + query), user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Long> seqs = new ArrayList<>();
        Http.json(response).path("messages").forEach(message -> seqs.add(message.path("seq").asLong()));
        return seqs;
    }

    /**
     * Waits until the stream has a message at {@code seq} that {@code reader} may read.
     */
    private JsonNode awaitMessage(String reader, long seq) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = api.get(
                    conversationPath(conversation, "/messages?afterSeq=" + (seq - 1) + "&beforeSeq=" + (seq + 1)),
                    reader);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = Http.json(response).path("messages");
            assertThat(page.size()).isEqualTo(1);
            found[0] = page.get(0);
        });
        return found[0];
    }

    private final List<MessageSent> seen = new ArrayList<>();

    private MessageSent awaitEvent(long seq) {
        MessageSent[] found = new MessageSent[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ConsumerRecord<String, String> record : Kafka.poll(messages)) {
                if (json.readValue(record.value(), ChatEvent.class) instanceof MessageSent sent
                        && sent.conversationId().value().equals(conversation)) {
                    seen.add(sent);
                }
            }
            found[0] = seen.stream().filter(sent -> sent.seq() == seq).findFirst().orElse(null);
            assertThat(found[0]).isNotNull();
        });
        return found[0];
    }

}
