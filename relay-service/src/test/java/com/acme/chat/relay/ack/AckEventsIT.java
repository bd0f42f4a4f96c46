package com.acme.chat.relay.ack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.kit.kafka.DeadLetters;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.testsupport.Events;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.relay.testsupport.TopicWatcher;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.relay.testsupport.Events.acked;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acks that websocket-manager publishes on {@code chat.acks.v1} instead of calling the
 * REST endpoint: applied like the REST call, in batches. Records are keyed by user, so an
 * ack sent after another of the same user is applied after it: a test that expects an ack
 * to change nothing sends a second one behind it and waits for that.
 */
@ChatIntegrationTest
class AckEventsIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    @Autowired
    DeviceRegistry devices;

    @Autowired
    MeterRegistry meters;

    @Test
    void aKeyedAckOfADirectConversationRemovesExactlyItsRowsAndPublishesTheReceipt() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        List<DeliveryRequested> messages = queueFor(bob, alice, 3);
        handler.route(alice, PHONE, "conn-a");

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            events.send(acked(bob, PHONE, messages.subList(0, 2), true));

            ReceiptRecorded receipt = receipts.awaitEvent(ReceiptRecorded.class, event -> event.user().equals(bob),
                    KAFKA_WAIT);
            assertThat(receipt.conversationId()).isEqualTo(messages.get(0).conversationId());
            assertThat(receipt.kind()).isEqualTo(ReceiptKind.DELIVERED);
            assertThat(receipt.upToSeq()).isEqualTo(2);
            assertThat(handler.awaitDelivers(1, KAFKA_WAIT))
                .containsExactly(new HandlerMessage.Deliver(alice, PHONE, "conn-a", receipt.toFrame()));
        }
        assertThat(queue.messageIds(bob, PHONE)).containsExactly(id(messages.get(2)));
    }

    @Test
    void anAckWithoutKeysReadsTheQueue() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        List<DeliveryRequested> messages = queueFor(bob, alice, 3);
        DeliveryAcked keyless = acked(bob, PHONE, messages.subList(0, 2), false);
        List<MessageId> withUnknown = new ArrayList<>(keyless.messageIds());
        withUnknown.add(MessageId.of("m-never-queued"));

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            events.send(new DeliveryAcked(UUID.randomUUID(), Instant.now(), DeliveryAcked.VERSION, bob, PHONE,
                    keyless.conversationId(), withUnknown, null));

            assertThat(
                    receipts.awaitEvent(ReceiptRecorded.class, event -> event.user().equals(bob), KAFKA_WAIT).upToSeq())
                .isEqualTo(2);
        }
        await().atMost(KAFKA_WAIT)
            .untilAsserted(() -> assertThat(queue.messageIds(bob, PHONE)).containsExactly(id(messages.get(2))));
    }

    @Test
    void aKeyedGroupAckRemovesTheRowsAndPublishesTheMembersReceipt() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        List<DeliveryRequested> messages = queueGroupFor(bob, alice, 3);

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            events.send(acked(bob, PHONE, messages.subList(0, 2), true));

            ReceiptRecorded receipt = receipts.awaitEvent(ReceiptRecorded.class, event -> event.user().equals(bob),
                    KAFKA_WAIT);
            assertThat(receipt.conversationId()).isEqualTo(messages.get(0).conversationId());
            assertThat(receipt.upToSeq()).isEqualTo(2);
        }
        await().atMost(KAFKA_WAIT)
            .untilAsserted(() -> assertThat(queue.messageIds(bob, PHONE)).containsExactly(id(messages.get(2))));
    }

    /**
     * Mallory names the keys of Bob's rows, of a direct conversation of others and of a
     * group: only her own queue is addressed, so Bob's rows stay. Her own ack behind them
     * shows they were applied.
     */
    @Test
    void anAckNamingAnotherUsersRowsRemovesNothingOfHis() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        UserId mallory = freshUser("mallory");
        List<DeliveryRequested> direct = queueFor(bob, alice, 2);
        List<DeliveryRequested> group = queueGroupFor(bob, alice, 2);
        List<DeliveryRequested> hers = queueFor(mallory, alice, 1);

        events.send(acked(mallory, PHONE, direct, true));
        events.send(acked(mallory, PHONE, direct, false));
        events.send(acked(mallory, PHONE, group, true));
        events.send(acked(mallory, PHONE, hers, true));

        await().atMost(KAFKA_WAIT).untilAsserted(() -> assertThat(queue.messageIds(mallory, PHONE)).isEmpty());
        assertThat(queue.messageIds(bob, PHONE)).containsExactlyInAnyOrderElementsOf(
                List.of(id(direct.get(0)), id(direct.get(1)), id(group.get(0)), id(group.get(1))));
    }

    /**
     * Fifty users ack their two messages each with an ack of its own, all published at
     * once: every row goes, and every user's receipt reaches seq 2 (the two acks of a
     * user in one poll make one receipt).
     */
    @Test
    void aBurstOfAcksOfManyUsersIsAllApplied() {
        UserId alice = freshUser("alice");
        List<UserId> users = new ArrayList<>();
        List<DeliveryRequested> deliveries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UserId user = freshUser("member" + i);
            devices.register(user, PHONE, Instant.now());
            users.add(user);
            deliveries.add(Events.delivery(user, alice, DeviceId.of("web"), 1));
            deliveries.add(Events.delivery(user, alice, DeviceId.of("web"), 2));
        }
        events.sendAll(deliveries);
        await().atMost(KAFKA_WAIT)
            .until(() -> users.stream().allMatch(user -> queue.messageIds(user, PHONE).size() == 2));
        List<DeliveryAcked> acks = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            acks.add(acked(users.get(i / 2), PHONE, List.of(deliveries.get(i)), i % 4 != 3));
        }

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            events.sendAll(acks);

            Set<UserId> delivered = new HashSet<>();
            receipts.awaitEvent(ReceiptRecorded.class, event -> {
                if (event.upToSeq() == 2 && users.contains(event.user())) {
                    delivered.add(event.user());
                }
                return delivered.size() == users.size();
            }, KAFKA_WAIT);
        }
        await().atMost(KAFKA_WAIT)
            .until(() -> users.stream().allMatch(user -> queue.messageIds(user, PHONE).isEmpty()));
    }

    /**
     * The same event twice (a redelivery): the rows are gone after the first, the second
     * publishes the same receipt again (same event id, so it counts once) and removes
     * nothing more.
     */
    @Test
    void aRedeliveredAckChangesNothingMore() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        List<DeliveryRequested> messages = queueFor(bob, alice, 3);
        DeliveryAcked ack = acked(bob, PHONE, messages.subList(0, 2), true);

        try (TopicWatcher receipts = new TopicWatcher(Topics.RECEIPTS, namespace, json)) {
            events.send(ack);
            events.send(ack);

            List<UUID> ids = new ArrayList<>();
            receipts.awaitEvent(ReceiptRecorded.class, event -> {
                if (event.user().equals(bob)) {
                    ids.add(event.eventId());
                }
                return ids.size() == 2;
            }, KAFKA_WAIT);
            assertThat(ids.get(1)).isEqualTo(ids.get(0));
        }
        assertThat(queue.messageIds(bob, PHONE)).containsExactly(id(messages.get(2)));
    }

    /**
     * A record on the topic that is not an event goes to the dead-letter topic, and the
     * ack behind it on the same partition (same user) is applied.
     */
    @Test
    void aRecordThatIsNotAnEventDoesNotHoldUpTheAcksBehindIt() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        List<DeliveryRequested> messages = queueFor(bob, alice, 1);
        double deadLettered = deadLettered();

        events.sendRaw(Topics.ACKS, bob.value(), "{not json");
        events.send(acked(bob, PHONE, messages, true));

        await().atMost(KAFKA_WAIT).untilAsserted(() -> assertThat(queue.messageIds(bob, PHONE)).isEmpty());
        await().atMost(KAFKA_WAIT).until(() -> deadLettered() > deadLettered);
    }

    private double deadLettered() {
        Counter counter = meters.find(DeadLetters.DEAD_LETTERED_METER).tag("topic", Topics.ACKS).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private List<DeliveryRequested> queueFor(UserId recipient, UserId sender, int count) {
        devices.register(recipient, PHONE, Instant.now());
        return queueOffline(recipient, sender, PHONE, count);
    }

    private List<DeliveryRequested> queueGroupFor(UserId recipient, UserId sender, int count) {
        devices.register(recipient, PHONE, Instant.now());
        GroupId group = GroupId.of("g-" + UUID.randomUUID());
        List<DeliveryRequested> messages = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            messages.add(Events.groupDelivery(recipient, sender, group, seq));
        }
        events.sendAll(messages);
        ConversationId conversation = ConversationId.group(group);
        await().atMost(KAFKA_WAIT)
            .until(() -> queue.of(recipient, PHONE)
                .stream()
                .filter(row -> row.conversationId().equals(conversation.value()))
                .count() == count);
        return messages;
    }

    private static String id(DeliveryRequested message) {
        return message.messageId().value();
    }

}
