package com.acme.chat.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
 * One-on-one chat end to end: the six services as processes, real servers, real WebSocket
 * and HTTP clients, tokens from the dev token endpoint. Each test uses fresh users, so
 * tests are independent of each other and of old data.
 */
@Timeout(120)
class OneOnOneChatE2EIT {

    @BeforeAll
    static void stack() {
        ChatApi.ensureStack();
    }

    private static String newClientMsgId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void chatWorksInBothDirectionsWithDeliveredReceipts() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        try (WsClient alicePhone = alice.connect("phone"); WsClient bobPhone = bob.connect("phone")) {
            JsonNode ack = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "hi Bob");
            assertThat(ack.path("type").asString()).isEqualTo("ack");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
            String conversation = ack.path("conversationId").asString();

            JsonNode message = bobPhone.awaitMessage(ack.path("messageId").asString());
            assertThat(message.path("sender").asString()).isEqualTo(alice.userId());
            assertThat(message.path("text").asString()).isEqualTo("hi Bob");
            assertThat(message.path("seq").asLong()).isEqualTo(1);

            assertThat(bobPhone.ackDelivery(conversation, List.of(message.path("messageId").asString()))
                .path("type")
                .asString()).isEqualTo("ack");
            JsonNode delivered = alicePhone.awaitFrame("receipt", r -> r.path("kind").asString().equals("DELIVERED")
                    && r.path("user").asString().equals(bob.userId()));
            assertThat(delivered.path("upToSeq").asLong()).isEqualTo(1);

            JsonNode reply = bobPhone.sendAndAwaitAck(alice.userId(), newClientMsgId(), "hi Alice");
            assertThat(reply.path("conversationId").asString()).isEqualTo(conversation);
            assertThat(reply.path("seq").asLong()).isEqualTo(2);
            assertThat(alicePhone.awaitMessage(reply.path("messageId").asString()).path("text").asString())
                .isEqualTo("hi Alice");
        }
    }

    @Test
    void offlineRecipientGetsMessagesInOrderWhenReconnecting() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        // Bob has used a device before, then went offline.
        bob.connect("phone").close();
        try (WsClient alicePhone = alice.connect("phone")) {
            for (int i = 1; i <= 3; i++) {
                assertThat(
                        alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "offline " + i).path("seq").asLong())
                    .isEqualTo(i);
            }
        }
        try (WsClient bobPhone = bob.connect("phone")) {
            // A client keeps the first copy of each messageId and orders by seq
            // (docs/protocol.md, section 4: delivery is at least once across connections;
            // ReplayOrderE2EIT checks the order and uniqueness within one connection).
            await().atMost(Duration.ofSeconds(20)).until(() -> distinctBySeq(bobPhone, alice).size() == 3);
            List<JsonNode> messages = distinctBySeq(bobPhone, alice);
            assertThat(messages).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(messages).extracting(m -> m.path("text").asString())
                .containsExactly("offline 1", "offline 2", "offline 3");
        }
    }

    /** What a client shows: one copy per messageId, ordered by seq. */
    private static List<JsonNode> distinctBySeq(WsClient client, User sender) {
        java.util.Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        for (JsonNode message : client.all("message", m -> m.path("sender").asString().equals(sender.userId()))) {
            byId.putIfAbsent(message.path("messageId").asString(), message);
        }
        return byId.values().stream().sorted(java.util.Comparator.comparingLong(m -> m.path("seq").asLong())).toList();
    }

    @Test
    void messageNotAcknowledgedBeforeTheConnectionDropsIsDeliveredAgain() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        String messageId;
        String conversation;
        long seq;
        try (WsClient alicePhone = alice.connect("phone")) {
            WsClient bobPhone = bob.connect("phone");
            JsonNode ack = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "are you there?");
            messageId = ack.path("messageId").asString();
            conversation = ack.path("conversationId").asString();
            seq = ack.path("seq").asLong();
            bobPhone.awaitMessage(messageId);
            bobPhone.drop();
        }
        try (WsClient alicePhone = alice.connect("phone"); WsClient bobAgain = bob.connect("phone")) {
            JsonNode again = bobAgain.awaitMessage(messageId);
            assertThat(again.path("text").asString()).isEqualTo("are you there?");
            assertThat(bobAgain.ackDelivery(conversation, List.of(messageId)).path("type").asString()).isEqualTo("ack");
            // The ack's answer means relay has it (through Kafka), not that relay has
            // applied it yet; relay pushes the sender's DELIVERED receipt only once the
            // queue row is deleted, so after it no replay can bring the message back.
            alicePhone.awaitFrame("receipt", r -> r.path("kind").asString().equals("DELIVERED")
                    && r.path("user").asString().equals(bob.userId()) && r.path("upToSeq").asLong() >= seq);
        }
        // Positive control: a later message queued for the offline phone. Bob's laptop
        // gets it live, and relay queues before it pushes, so it is in the phone's queue
        // before the phone connects and can reach the phone only by the replay.
        String later;
        try (WsClient bobLaptop = bob.connect("laptop")) {
            HttpResponse<String> sent = alice.messaging("/api/v1/messages")
                .post(Json.object("clientMsgId", newClientMsgId(), "to", bob.userId(), "text", "still there?"));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            later = Http.json(sent).path("messageId").asString();
            bobLaptop.awaitMessage(later);
        }
        try (WsClient bobThirdTime = bob.connect("phone")) {
            // after the ack it is gone from the device's queue: the replay, in seq order,
            // brings the later message, and the acked one neither before it nor after
            assertThat(bobThirdTime.awaitMessage(later).path("text").asString()).isEqualTo("still there?");
            bobThirdTime.pingAndAwaitPong();
            await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> bobThirdTime.find("message", m -> messageId.equals(m.path("messageId").asString()))
                    .isEmpty());
        }
    }

    @Test
    void retriedSendGivesOneMessage() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        String clientMsgId = newClientMsgId();
        try (WsClient alicePhone = alice.connect("phone"); WsClient bobPhone = bob.connect("phone")) {
            JsonNode first = alicePhone.sendAndAwaitAck(bob.userId(), clientMsgId, "only once");
            JsonNode retry = alicePhone.sendAndAwaitAck(bob.userId(), clientMsgId, "only once");
            assertThat(retry.path("messageId").asString()).isEqualTo(first.path("messageId").asString());
            assertThat(retry.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
            assertThat(retry.path("duplicate").asBoolean()).isTrue();

            // and over REST, the third try returns the same original ack
            HttpResponse<String> rest = alice.messaging("/api/v1/messages")
                .post(Json.object("clientMsgId", clientMsgId, "to", bob.userId(), "text", "only once"));
            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(Http.json(rest).path("messageId").asString()).isEqualTo(first.path("messageId").asString());

            String conversation = first.path("conversationId").asString();
            JsonNode history = Http
                .json(bob.messaging("/api/v1/conversations/" + conversation + "/messages?limit=50").get());
            assertThat(history.path("messages")).hasSize(1);
            bobPhone.awaitMessage(first.path("messageId").asString());
            bobPhone.ackDelivery(conversation, List.of(first.path("messageId").asString()));
            assertThat(bobPhone.all("message", m -> m.path("conversationId").asString().equals(conversation)))
                .extracting(m -> m.path("messageId").asString())
                .containsOnly(first.path("messageId").asString());
        }
    }

    @Test
    void everyDeviceOfBothUsersGetsTheMessageExceptTheSendingOne() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        try (WsClient alicePhone = alice.connect("phone");
                WsClient aliceLaptop = alice.connect("laptop");
                WsClient bobPhone = bob.connect("phone");
                WsClient bobLaptop = bob.connect("laptop")) {
            JsonNode ack = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "to all your devices");
            String messageId = ack.path("messageId").asString();
            assertThat(bobPhone.awaitMessage(messageId).path("text").asString()).isEqualTo("to all your devices");
            assertThat(bobLaptop.awaitMessage(messageId).path("text").asString()).isEqualTo("to all your devices");
            JsonNode copy = aliceLaptop.awaitMessage(messageId);
            assertThat(copy.path("sender").asString()).isEqualTo(alice.userId());
            assertThat(copy.path("senderDevice").asString()).isEqualTo("phone");
            alicePhone.pingAndAwaitPong();
            assertThat(alicePhone.find("message", m -> messageId.equals(m.path("messageId").asString()))).isEmpty();
            // Positive control: bob's reply reaches the sending phone. Deliveries to
            // alice are handled in order, so a copy of her own message to that phone
            // would have come first.
            JsonNode reply = bobPhone.sendAndAwaitAck(alice.userId(), newClientMsgId(), "got it");
            assertThat(alicePhone.awaitMessage(reply.path("messageId").asString()).path("text").asString())
                .isEqualTo("got it");
            assertThat(alicePhone.find("message", m -> messageId.equals(m.path("messageId").asString()))).isEmpty();
        }
    }

    @Test
    void readReceiptReachesTheSenderAndIsStoredAsWatermark() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        try (WsClient alicePhone = alice.connect("phone"); WsClient bobPhone = bob.connect("phone")) {
            JsonNode ack = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "read me");
            String conversation = ack.path("conversationId").asString();
            bobPhone.awaitMessage(ack.path("messageId").asString());
            assertThat(bobPhone.markRead(conversation, ack.path("seq").asLong()).path("type").asString())
                .isEqualTo("ack");
            JsonNode read = alicePhone.awaitFrame("receipt", r -> r.path("kind").asString().equals("READ"));
            assertThat(read.path("user").asString()).isEqualTo(bob.userId());
            assertThat(read.path("upToSeq").asLong()).isEqualTo(1);

            JsonNode receipts = Http.json(alice.messaging("/api/v1/conversations/" + conversation + "/receipts").get());
            assertThat(receipts.path("receipts")
                .valueStream()
                .filter(r -> r.path("user").asString().equals(bob.userId()))
                .findFirst()
                .orElseThrow()
                .path("readSeq")
                .asLong()).isEqualTo(1);
        }
    }

    @Test
    void outsiderCannotReadTheConversationPostAsSomeoneElseOrSeeReceipts() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        User carol = ChatApi.newUser("carol");
        String conversation;
        try (WsClient alicePhone = alice.connect("phone")) {
            conversation = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "private")
                .path("conversationId")
                .asString();
        }
        HttpResponse<String> history = carol.messaging("/api/v1/conversations/" + conversation + "/messages").get();
        assertThat(history.statusCode()).isEqualTo(403);
        assertThat(Http.json(history).path("code").asString()).isEqualTo("not_a_member");

        HttpResponse<String> receipts = carol.messaging("/api/v1/conversations/" + conversation + "/receipts").get();
        assertThat(receipts.statusCode()).isEqualTo(403);

        HttpResponse<String> markRead = carol.messaging("/api/v1/conversations/" + conversation + "/read")
            .post(Json.object("seq", 1));
        assertThat(markRead.statusCode()).isEqualTo(403);

        // Positive control: the message is on the members' timelines, so its absence from
        // carol's is not a timeline that was never written.
        JsonNode bobsTimeline = Http.json(bob.messaging("/api/v1/messages").get());
        assertThat(bobsTimeline.path("messages").valueStream().map(m -> m.path("text").asString()))
            .containsExactly("private");
        JsonNode carolsTimeline = Http.json(carol.messaging("/api/v1/messages").get());
        assertThat(carolsTimeline.path("messages")).isEmpty();

        // A "from" field is not part of the protocol: whatever Carol writes, the sender
        // is Carol.
        HttpResponse<String> spoof = carol.messaging("/api/v1/messages")
            .post(Json.object("clientMsgId", newClientMsgId(), "from", alice.userId(), "to", bob.userId(), "text",
                    "I am Alice"));
        assertThat(spoof.statusCode()).isEqualTo(201);
        assertThat(Http.json(spoof).path("conversationId").asString()).contains(carol.userId())
            .doesNotContain(alice.userId());

        HttpResponse<String> noToken = Http.get(ChatApi.messaging("/api/v1/messages"));
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void badInputGetsDocumentedErrorsAndAcceptedMessagesSurvive() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        try (WsClient bobPhone = bob.connect("phone")) {
            WsClient alicePhone = alice.connect("phone");
            JsonNode ack = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "accepted before the mess");

            alicePhone.send("{not json");
            assertThat(alicePhone.awaitFrame("error", e -> e.path("code").asString().equals("malformed_json")))
                .isNotNull();

            alicePhone.send("{\"type\":\"teleport\",\"id\":\"t-1\"}");
            JsonNode unknown = alicePhone.awaitFrame("error",
                    e -> e.path("code").asString().equals("unknown_frame_type"));
            assertThat(unknown.path("id").asString()).isEqualTo("t-1");

            JsonNode unknownUser = alicePhone
                .awaitReply(alicePhone.sendMessage("nobody-" + UUID.randomUUID(), newClientMsgId(), "hello?"));
            assertThat(unknownUser.path("code").asString()).isEqualTo("unknown_user");

            JsonNode tooLong = alicePhone
                .awaitReply(alicePhone.sendMessage(bob.userId(), newClientMsgId(), "x".repeat(4097)));
            assertThat(tooLong.path("code").asString()).isEqualTo("text_too_long");

            // the connection survived all of that
            JsonNode second = alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "still here");
            assertThat(second.path("seq").asLong()).isEqualTo(ack.path("seq").asLong() + 1);

            alicePhone.send("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + "y".repeat(70_000) + "\"}");
            assertThat(alicePhone.awaitClose().code()).isEqualTo(1009);

            bobPhone.awaitMessage(ack.path("messageId").asString());
            bobPhone.awaitMessage(second.path("messageId").asString());
        }
    }

    @Test
    void secondConnectionOfTheSameDeviceReplacesTheFirst() {
        User alice = ChatApi.newUser("alice");
        WsClient first = alice.connect("phone");
        try (WsClient second = alice.connect("phone")) {
            assertThat(first.awaitClose().code()).isEqualTo(4001);
            assertThat(second.pingAndAwaitPong().path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void getMessagePagesAcrossConversationsNewestFirst() {
        User alice = ChatApi.newUser("alice");
        User bob = ChatApi.newUser("bob");
        User carol = ChatApi.newUser("carol");
        try (WsClient alicePhone = alice.connect("phone")) {
            alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "one");
            alicePhone.sendAndAwaitAck(carol.userId(), newClientMsgId(), "two");
            alicePhone.sendAndAwaitAck(bob.userId(), newClientMsgId(), "three");
        }
        JsonNode page = Http.json(alice.messaging("/api/v1/messages?limit=2").get());
        assertThat(page.path("messages").valueStream().map(m -> m.path("text").asString()).toList())
            .containsExactly("three", "two");
        String before = page.path("nextBefore").asString();
        JsonNode next = Http.json(alice.messaging("/api/v1/messages?limit=2&before=" + before).get());
        assertThat(next.path("messages").valueStream().map(m -> m.path("text").asString()).toList())
            .containsExactly("one");
    }

}
