package com.acme.chat.relay.delivery;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.PushNotificationRequested;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.relay.testsupport.TopicWatcher;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.relay.testsupport.Events.delivery;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ChatIntegrationTest
class DeliveryIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId LAPTOP = DeviceId.of("laptop");

    private static final DeviceId WEB = DeviceId.of("web");

    @Autowired
    DeviceRegistry devices;

    @Test
    void queuesForEveryKnownDeviceAndPushesToRoutedOnes() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, LAPTOP, Instant.now());
        handler.route(bob, PHONE, "conn-1");
        DeliveryRequested delivery = delivery(bob, alice, WEB, 1);

        events.send(delivery);

        List<HandlerMessage.Deliver> delivers = handler.awaitDelivers(1, KAFKA_WAIT);
        assertThat(delivers).containsExactly(new HandlerMessage.Deliver(bob, PHONE, "conn-1", delivery.toFrame()));
        await().atMost(KAFKA_WAIT).untilAsserted(() -> {
            assertThat(queue.messageIds(bob, PHONE)).containsExactly(delivery.messageId().value());
            assertThat(queue.messageIds(bob, LAPTOP)).containsExactly(delivery.messageId().value());
        });
    }

    @Test
    void offlineRecipientGetsQueueAndPushNotification() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        DeliveryRequested delivery = delivery(bob, alice, WEB, 1);

        try (TopicWatcher notifications = new TopicWatcher(Topics.NOTIFICATIONS, namespace, json)) {
            events.send(delivery);

            PushNotificationRequested push = notifications.awaitEvent(PushNotificationRequested.class,
                    event -> event.recipient().equals(bob), KAFKA_WAIT);
            assertThat(push.messageId()).isEqualTo(delivery.messageId());
            assertThat(push.conversationId()).isEqualTo(delivery.conversationId());
        }
        assertThat(queue.messageIds(bob, PHONE)).containsExactly(delivery.messageId().value());
        assertThat(handler.delivers()).isEmpty();
        // Positive control: a routed recipient gets a push on this handler right now, so
        // its channel works; bob's message was handled before the notification went out,
        // so nothing of bob's can still be on its way.
        UserId carol = freshUser("carol");
        handler.route(carol, PHONE, "conn-carol");
        DeliveryRequested toCarol = delivery(carol, alice, WEB, 1);
        events.send(toCarol);
        assertThat(handler.awaitDelivers(1, KAFKA_WAIT))
            .containsExactly(new HandlerMessage.Deliver(carol, PHONE, "conn-carol", toCarol.toFrame()));
    }

    @Test
    void skipsTheSendingDeviceForTheSendersOwnCopy() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(alice, PHONE, "conn-phone");
        handler.route(alice, LAPTOP, "conn-laptop");
        DeliveryRequested ownCopy = delivery(alice, bob, PHONE, 1);
        ownCopy = new DeliveryRequested(ownCopy.eventId(), ownCopy.occurredAt(), ownCopy.version(), alice,
                ownCopy.messageId(), ownCopy.conversationId(), 1, alice, PHONE, null, ownCopy.text(), List.of(),
                ownCopy.sentAt(), ownCopy.clientMsgId());

        events.send(ownCopy);

        assertThat(handler.awaitDelivers(1, KAFKA_WAIT))
            .containsExactly(new HandlerMessage.Deliver(alice, LAPTOP, "conn-laptop", ownCopy.toFrame()));
        assertThat(queue.messageIds(alice, LAPTOP)).containsExactly(ownCopy.messageId().value());
        assertThat(queue.messageIds(alice, PHONE)).isEmpty();
        // Positive control: the next message to alice (same key, so handled after the own
        // copy) reaches the phone too, so the phone was skipped for its own message only,
        // and no late push of the own copy to the phone came before it.
        DeliveryRequested reply = delivery(alice, bob, WEB, 2);
        events.send(reply);
        assertThat(handler.awaitDelivers(3, KAFKA_WAIT)).containsExactlyInAnyOrder(
                new HandlerMessage.Deliver(alice, LAPTOP, "conn-laptop", ownCopy.toFrame()),
                new HandlerMessage.Deliver(alice, PHONE, "conn-phone", reply.toFrame()),
                new HandlerMessage.Deliver(alice, LAPTOP, "conn-laptop", reply.toFrame()));
        assertThat(queue.messageIds(alice, PHONE)).containsExactly(reply.messageId().value());
    }

    @Test
    void redeliveredKafkaRecordCreatesNoDuplicateRow() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-1");
        DeliveryRequested delivery = delivery(bob, alice, WEB, 1);

        events.send(delivery);
        events.send(delivery);

        // Two pushes prove both records were handled; the queue still holds the message
        // once.
        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).hasSize(2);
        assertThat(queue.of(bob, PHONE)).singleElement()
            .satisfies(row -> assertThat(row.messageId()).isEqualTo(delivery.messageId().value()));
    }

    @Test
    void redeliveredKafkaRecordDoesNotRequeueAnAckedMessage() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-1");
        DeliveryRequested delivery = delivery(bob, alice, WEB, 1);
        events.send(delivery);
        handler.awaitDelivers(1, KAFKA_WAIT);
        await().atMost(KAFKA_WAIT).until(() -> !queue.of(bob, PHONE).isEmpty());

        assertThat(postAck(TestTokens.forUser(bob.value()), PHONE,
                ackBody(delivery.conversationId().value(), delivery.messageId().value()))
            .body()).contains("\"removed\":1");
        events.send(delivery);

        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).hasSize(2);
        assertThat(queue.of(bob, PHONE)).isEmpty();
    }

}
