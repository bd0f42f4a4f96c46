package com.acme.chat.relay.ack;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.testsupport.Events;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.relay.testsupport.TopicWatcher;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.relay.testsupport.Events.delivery;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ChatIntegrationTest
class AckIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId WEB = DeviceId.of("web");

    @Autowired
    DeviceRegistry devices;

    @Test
    void ackRemovesRowsAndPublishesDeliveredReceipt() {
        ackTheFirstTwoOfThree(false);
    }

    @Test
    void anAckWithTheQueueKeysRemovesTheRowsAndPublishesTheReceipt() {
        ackTheFirstTwoOfThree(true);
    }

    /**
     * Bob acks two of three queued messages (plus an id never queued when the keys are
     * not named): two rows go, the DELIVERED receipt up to seq 2 is published and pushed
     * to Alice by the ack itself, once.
     */
    private void ackTheFirstTwoOfThree(boolean keyed) {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        List<DeliveryRequested> messages = queueFor(bob, alice, 3);
        String conversation = messages.get(0).conversationId().value();
        handler.route(alice, PHONE, "conn-a");
        String body = keyed ? keyedAckBody(conversation, messages.subList(0, 2)) : ackBody(conversation,
                messages.get(0).messageId().value(), messages.get(1).messageId().value(), "m-never-queued");

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            HttpResponse<String> response = postAck(TestTokens.forUser(bob.value()), PHONE, body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("removed").asInt()).isEqualTo(2);
            ReceiptRecorded receipt = receipts.awaitEvent(ReceiptRecorded.class,
                    event -> event.conversationId().value().equals(conversation), KAFKA_WAIT);
            assertThat(receipt.user()).isEqualTo(bob);
            assertThat(receipt.kind()).isEqualTo(ReceiptKind.DELIVERED);
            assertThat(receipt.upToSeq()).isEqualTo(2);
            assertThat(handler.awaitDelivers(1, KAFKA_WAIT))
                .containsExactly(new HandlerMessage.Deliver(alice, PHONE, "conn-a", receipt.toFrame()));
        }
        assertThat(queue.messageIds(bob, PHONE)).containsExactly(messages.get(2).messageId().value());
    }

    @Test
    void queueKeysAreIgnoredForAConversationOfOthersOrWhenTheyDoNotMatchTheIds() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        UserId carol = freshUser("carol");
        List<DeliveryRequested> messages = queueFor(bob, alice, 2);
        String conversation = messages.get(0).conversationId().value();

        // Carol names keys of Alice and Bob's conversation: her own queue is read, and
        // has
        // nothing of it.
        assertThat(postAck(TestTokens.forUser(carol.value()), PHONE, keyedAckBody(conversation, messages)).body())
            .contains("\"removed\":0");
        // Keys for other ids than the acknowledged ones: Bob's queue is read instead.
        String mismatched = json.writeValueAsString(java.util.Map.of("conversationId", conversation, "messageIds",
                List.of(messages.get(0).messageId().value()), "refs",
                List.of(java.util.Map.of("messageId", messages.get(1).messageId().value(), "seq", 2, "sentAt",
                        messages.get(1).sentAt().toString()))));
        assertThat(postAck(TestTokens.forUser(bob.value()), PHONE, mismatched).body()).contains("\"removed\":1");
        assertThat(queue.messageIds(bob, PHONE)).containsExactly(messages.get(1).messageId().value());
    }

    /**
     * A group member's keyed ack removes exactly the keyed rows of his own queue and
     * publishes his DELIVERED receipt (messaging checks his membership when applying it);
     * an outsider's keys reach only his own queue, so the member's rows stay.
     */
    @Test
    void keysOfAGroupAckAddressOnlyTheCallersQueue() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        UserId mallory = freshUser("mallory");
        GroupId group = GroupId.of("g-" + UUID.randomUUID());
        devices.register(bob, PHONE, Instant.now());
        List<DeliveryRequested> messages = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            messages.add(Events.groupDelivery(bob, alice, group, seq));
            events.send(messages.get(seq - 1));
        }
        List<String> ids = messages.stream().map(m -> m.messageId().value()).toList();
        await().atMost(KAFKA_WAIT).until(() -> queue.messageIds(bob, PHONE).equals(ids));
        String conversation = ConversationId.group(group).value();

        assertThat(postAck(TestTokens.forUser(mallory.value()), PHONE, keyedAckBody(conversation, messages)).body())
            .contains("\"removed\":3");
        assertThat(queue.messageIds(bob, PHONE)).isEqualTo(ids);

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            HttpResponse<String> response = postAck(TestTokens.forUser(bob.value()), PHONE,
                    keyedAckBody(conversation, messages.subList(0, 2)));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("removed").asInt()).isEqualTo(2);
            ReceiptRecorded receipt = receipts.awaitEvent(ReceiptRecorded.class,
                    event -> event.conversationId().value().equals(conversation) && event.user().equals(bob),
                    KAFKA_WAIT);
            assertThat(receipt.kind()).isEqualTo(ReceiptKind.DELIVERED);
            assertThat(receipt.upToSeq()).isEqualTo(2);
        }
        assertThat(queue.messageIds(bob, PHONE)).containsExactly(ids.get(2));
    }

    private String keyedAckBody(String conversation, List<DeliveryRequested> messages) {
        return json.writeValueAsString(java.util.Map.of("conversationId", conversation, "messageIds",
                messages.stream().map(m -> m.messageId().value()).toList(), "refs",
                messages.stream()
                    .map(m -> java.util.Map.of("messageId", m.messageId().value(), "seq", m.seq(), "sentAt",
                            m.sentAt().toString()))
                    .toList()));
    }

    @Test
    void ackIsIdempotent() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        DeliveryRequested message = queueFor(bob, alice, 1).get(0);
        String body = ackBody(message.conversationId().value(), message.messageId().value());

        assertThat(postAck(TestTokens.forUser(bob.value()), PHONE, body).body()).contains("\"removed\":1");
        HttpResponse<String> again = postAck(TestTokens.forUser(bob.value()), PHONE, body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"removed\":0");
    }

    @Test
    void ackOfAnotherUsersDeviceRemovesNothing() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        UserId carol = freshUser("carol");
        List<DeliveryRequested> messages = queueFor(alice, bob, 2);

        HttpResponse<String> response = postAck(TestTokens.forUser(carol.value()), PHONE,
                ackBody(messages.get(0).conversationId().value(), messages.get(0).messageId().value(),
                        messages.get(1).messageId().value()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"removed\":0");
        assertThat(queue.messageIds(alice, PHONE)).hasSize(2);
        // Positive control: the same ack by the device's owner removes both.
        assertThat(postAck(TestTokens.forUser(alice.value()), PHONE, ackBody(messages.get(0).conversationId().value(),
                messages.get(0).messageId().value(), messages.get(1).messageId().value()))
            .body()).contains("\"removed\":2");
        assertThat(queue.messageIds(alice, PHONE)).isEmpty();
    }

    @Test
    void rejectsAnAckWithoutMessageIds() {
        assertValidationFailed(postAck(TestTokens.forUser("bob"), PHONE,
                "{\"conversationId\":\"d:alice:bob\"," + "\"messageIds\":[]}"));
        assertValidationFailed(postAck(TestTokens.forUser("bob"), PHONE, "{\"conversationId\":\"d:alice:bob\"}"));
    }

    @Test
    void rejectsAnAckOfMoreThan256Messages() {
        assertValidationFailed(postAck(TestTokens.forUser("bob"), PHONE,
                ackBody("d:alice:bob", Collections.nCopies(257, "m-1").toArray(String[]::new))));
    }

    @Test
    void rejectsAnAckWithAnInvalidConversationId() {
        assertValidationFailed(postAck(TestTokens.forUser("bob"), PHONE, ackBody("d:bob:alice", "m-1")));
        assertValidationFailed(postAck(TestTokens.forUser("bob"), PHONE, ackBody("nonsense", "m-1")));
    }

    private void assertValidationFailed(HttpResponse<String> response) {
        Http.assertProblem(response, 400, "validation_failed");
    }

    private List<DeliveryRequested> queueFor(UserId recipient, UserId sender, int count) {
        devices.register(recipient, PHONE, Instant.now());
        return queueOffline(recipient, sender, PHONE, count);
    }

}
