package com.acme.chat.e2e;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import com.acme.chat.e2e.testsupport.ChatApi;
import com.acme.chat.e2e.testsupport.ChatApi.User;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group chat end to end, as clients see it: groups made on group-service's REST API,
 * membership changes arriving as system messages in the group's stream, messages sent
 * over WebSocket and REST and pushed to every member device (or replayed on reconnect),
 * and outsiders refused on every endpoint and frame. The six services as processes, real
 * servers; fresh users per test.
 */
@Timeout(180)
class GroupChatE2EIT {

    private static final Duration STREAM = Duration.ofSeconds(30);

    @BeforeAll
    static void stack() {
        ChatApi.ensureStack();
    }

    @Test
    void membersChatOverWebSocketAndSeeEveryChangeInTheStream() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        User carol = ChatApi.newUser("carol");
        try (WsClient alicePhone = alice.connect("phone");
                WsClient bobPhone = bob.connect("phone");
                WsClient carolPhone = carol.connect("phone")) {
            String group = createGroup(alice, "Hikers", bob);
            String conversation = "g:" + group;
            JsonNode created = awaitSystem(bobPhone, conversation, "group_created");
            assertThat(created.path("seq").asLong()).isEqualTo(1);
            assertThat(created.path("group").asString()).isEqualTo(group);
            assertThat(created.path("sender").asString()).isEqualTo(alice.userId());
            assertThat(created.path("system").path("members")).hasSize(2);

            // The send may race the creation's consumption: not_a_member until the
            // stream knows the group, then stored.
            JsonNode ack = sendUntilStored(alicePhone, group, "hello group");
            assertThat(ack.path("conversationId").asString()).isEqualTo(conversation);
            assertThat(ack.path("seq").asLong()).isEqualTo(2);
            JsonNode hello = bobPhone.awaitMessage(ack.path("messageId").asString());
            assertThat(hello.path("text").asString()).isEqualTo("hello group");
            assertThat(hello.path("group").asString()).isEqualTo(group);
            // Carol is not a member yet: nothing reaches her.
            assertThat(carolPhone.find("message", m -> conversation.equals(m.path("conversationId").asString())))
                .isEmpty();

            assertThat(alice.groups("/api/v1/groups/" + group + "/members")
                .post(Json.write(Map.of("userIds", List.of(carol.userId()))))
                .statusCode()).isIn(200, 201);
            JsonNode added = awaitSystem(carolPhone, conversation, "member_added");
            assertThat(added.path("system").path("user").asString()).isEqualTo(carol.userId());
            awaitSystem(bobPhone, conversation, "member_added");

            JsonNode carolSays = sendUntilStored(carolPhone, group, "hi, I'm new");
            assertThat(carolSays.path("seq").asLong()).isEqualTo(added.path("seq").asLong() + 1);
            alicePhone.awaitMessage(carolSays.path("messageId").asString());
            bobPhone.awaitMessage(carolSays.path("messageId").asString());

            // Carol reads from her join: the greeting before it is not hers to read.
            assertThat(historySeqs(carol, conversation)).containsExactly(carolSays.path("seq").asLong(),
                    added.path("seq").asLong());
            assertThat(historySeqs(alice, conversation)).hasSize(4);

            // Bob leaves: his last message is his own departure.
            assertThat(bob.groups("/api/v1/groups/" + group + "/leave").post("{}").statusCode()).isEqualTo(204);
            JsonNode left = awaitSystem(bobPhone, conversation, "member_removed");
            assertThat(left.path("sender").asString()).isEqualTo(bob.userId());
            JsonNode after = sendUntilStored(alicePhone, group, "bob has left");
            carolPhone.awaitMessage(after.path("messageId").asString());
            bobPhone.pingAndAwaitPong();
            await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> bobPhone.find("message", m -> after.path("messageId").equals(m.path("messageId")))
                    .isEmpty());
            assertThat(historySeqs(bob, conversation)).first().isEqualTo(left.path("seq").asLong());
            JsonNode refused = bobPhone
                .awaitReply(bobPhone.sendGroupMessage(group, UUID.randomUUID().toString(), "can I still?"));
            assertThat(refused.path("code").asString()).isEqualTo("not_a_member");
        }
    }

    @Test
    void aMemberRemovedMidBurstGetsEverythingUpToHisRemovalAndNothingAfter() throws Exception {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        User carol = ChatApi.newUser("carol");
        try (WsClient bobPhone = bob.connect("phone"); WsClient carolPhone = carol.connect("phone")) {
            String group = createGroup(alice, "Burst", bob, carol);
            String conversation = "g:" + group;
            awaitSystem(carolPhone, conversation, "group_created");
            sendOverRestUntilStored(alice, group, "warm-up");
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                if (i == 15) {
                    assertThat(alice.groups("/api/v1/groups/" + group + "/members/" + carol.userId())
                        .delete()
                        .statusCode()).isIn(200, 204);
                }
                burst.add(alice.messaging("/api/v1/messages")
                    .postAsync(Json.object("clientMsgId", UUID.randomUUID().toString(), "group", group, "text",
                            "burst " + i)));
            }
            List<Long> stored = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> send : burst) {
                HttpResponse<String> response = send.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                stored.add(Http.json(response).path("seq").asLong());
            }
            JsonNode removal = awaitSystem(carolPhone, conversation, "member_removed");
            long removedAt = removal.path("seq").asLong();
            long last = stored.stream().max(Long::compare).orElseThrow();
            assertThat(last).isGreaterThan(removedAt);
            // Bob, a member throughout, gets every seq from 1 to the last, once each.
            await().atMost(STREAM).until(() -> distinctSeqs(bobPhone, conversation).size() == last);
            assertThat(distinctSeqs(bobPhone, conversation)).isEqualTo(range(1, last));
            // Carol gets every seq up to her removal and nothing after it.
            await().atMost(STREAM).until(() -> distinctSeqs(carolPhone, conversation).size() == removedAt);
            carolPhone.pingAndAwaitPong();
            Thread.sleep(1_000);
            assertThat(distinctSeqs(carolPhone, conversation)).isEqualTo(range(1, removedAt));
            assertThat(historySeqs(carol, conversation)).first().isEqualTo(removedAt);
        }
    }

    @Test
    void anOfflineMemberReconnectsToTheBacklogInOrderAndDuplicateSendsAreStoredOnce() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        bob.connect("phone").close();
        String group = createGroup(alice, "Backlog", bob);
        String conversation = "g:" + group;
        List<String> ids = new ArrayList<>();
        try (WsClient alicePhone = alice.connect("phone")) {
            for (int i = 1; i <= 10; i++) {
                String clientMsgId = UUID.randomUUID().toString();
                JsonNode ack = sendUntilStored(alicePhone, group, "backlog " + i, clientMsgId);
                ids.add(ack.path("messageId").asString());
                if (i == 5) {
                    // A retry after a lost ack: the original ack, nothing stored twice.
                    JsonNode again = alicePhone
                        .awaitReply(alicePhone.sendGroupMessage(group, clientMsgId, "backlog " + i));
                    assertThat(again.path("duplicate").asBoolean()).isTrue();
                    assertThat(again.path("seq").asLong()).isEqualTo(ack.path("seq").asLong());
                }
            }
        }
        try (WsClient bobPhone = bob.connect("phone")) {
            await().atMost(STREAM).until(() -> distinctSeqs(bobPhone, conversation).size() == 11);
            assertThat(distinctSeqs(bobPhone, conversation)).isEqualTo(range(1, 11));
            List<JsonNode> messages = distinctBySeq(bobPhone, conversation);
            assertThat(messages.get(0).path("system").path("event").asString()).isEqualTo("group_created");
            assertThat(messages.subList(1, 11)).extracting(m -> m.path("messageId").asString())
                .containsExactlyElementsOf(ids);
            assertThat(messages.subList(1, 11)).extracting(m -> m.path("text").asString())
                .containsExactly("backlog 1", "backlog 2", "backlog 3", "backlog 4", "backlog 5", "backlog 6",
                        "backlog 7", "backlog 8", "backlog 9", "backlog 10");
        }
    }

    @Test
    void anOutsiderIsRefusedOnEveryEndpointAndFrame() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        User mallory = ChatApi.newUser("mallory");
        try (WsClient alicePhone = alice.connect("phone"); WsClient malloryPhone = mallory.connect("phone")) {
            String group = createGroup(alice, "Private", bob);
            String conversation = "g:" + group;
            JsonNode ack = sendUntilStored(alicePhone, group, "secret");
            String path = "/api/v1/conversations/" + encode(conversation);

            Http.assertProblem(
                    mallory.messaging("/api/v1/messages")
                        .post(Json.object("clientMsgId", UUID.randomUUID().toString(), "group", group, "text", "hi")),
                    403, "not_a_member");
            Http.assertProblem(mallory.messaging(path + "/messages").get(), 403, "not_a_member");
            Http.assertProblem(mallory.messaging(path + "/messages?afterSeq=0").get(), 403, "not_a_member");
            Http.assertProblem(mallory.messaging(path + "/receipts").get(), 403, "not_a_member");
            Http.assertProblem(mallory.messaging(path + "/read").post(Json.object("seq", 1)), 403, "not_a_member");
            Http.assertProblem(mallory.groups("/api/v1/groups/" + group).get(), 404, "unknown_group");
            Http.assertProblem(mallory.groups("/api/v1/groups/" + group + "/members")
                .post(Json.write(Map.of("userIds", List.of(mallory.userId())))), 404, "unknown_group");

            JsonNode send = malloryPhone
                .awaitReply(malloryPhone.sendGroupMessage(group, UUID.randomUUID().toString(), "let me in"));
            assertThat(send.path("type").asString()).isEqualTo("error");
            assertThat(send.path("code").asString()).isEqualTo("not_a_member");
            JsonNode read = malloryPhone.markRead(conversation, ack.path("seq").asLong());
            assertThat(read.path("code").asString()).isEqualTo("not_a_member");
            // Nothing of the group reached the outsider's device.
            malloryPhone.pingAndAwaitPong();
            assertThat(malloryPhone.find("message", m -> conversation.equals(m.path("conversationId").asString())))
                .isEmpty();
        }
    }

    /** Creates a group of {@code creator} and {@code members}; returns its id. */
    private static String createGroup(User creator, String name, User... members) {
        List<String> ids = new ArrayList<>();
        for (User member : members) {
            ids.add(member.userId());
        }
        HttpResponse<String> created = creator.groups("/api/v1/groups")
            .post(Json.write(Map.of("name", name, "members", ids)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).path("groupId").asString();
    }

    private static JsonNode sendUntilStored(WsClient device, String group, String text) {
        return sendUntilStored(device, group, text, UUID.randomUUID().toString());
    }

    /**
     * Sends like a client that has just created (or been added to) a group: until the
     * group's stream has applied the change, the answer is {@code not_a_member}.
     */
    private static JsonNode sendUntilStored(WsClient device, String group, String text, String clientMsgId) {
        JsonNode[] ack = new JsonNode[1];
        await().atMost(STREAM).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode reply = device.awaitReply(device.sendGroupMessage(group, clientMsgId, text));
            ack[0] = reply;
            return "ack".equals(reply.path("type").asString());
        });
        return ack[0];
    }

    private static void sendOverRestUntilStored(User sender, String group, String text) {
        String clientMsgId = UUID.randomUUID().toString();
        await().atMost(STREAM)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> sender.messaging("/api/v1/messages")
                .post(Json.object("clientMsgId", clientMsgId, "group", group, "text", text))
                .statusCode() == 201);
    }

    private static JsonNode awaitSystem(WsClient device, String conversation, String event) {
        return device.awaitFrame("message", m -> conversation.equals(m.path("conversationId").asString())
                && event.equals(m.path("system").path("event").asString()));
    }

    private static List<Long> historySeqs(User reader, String conversation) {
        HttpResponse<String> page = reader.messaging("/api/v1/conversations/" + encode(conversation) + "/messages")
            .get();
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<Long> seqs = new ArrayList<>();
        Http.json(page).path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }

    /** What a client shows of a conversation: one copy per messageId, by seq. */
    private static List<JsonNode> distinctBySeq(WsClient device, String conversation) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode message : device.all("message", m -> conversation.equals(m.path("conversationId").asString()))) {
            byId.putIfAbsent(message.path("messageId").asString(), message);
        }
        return byId.values().stream().sorted(Comparator.comparingLong(m -> m.path("seq").asLong())).toList();
    }

    private static List<Long> distinctSeqs(WsClient device, String conversation) {
        return distinctBySeq(device, conversation).stream().map(m -> m.path("seq").asLong()).toList();
    }

    private static List<Long> range(long first, long last) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
