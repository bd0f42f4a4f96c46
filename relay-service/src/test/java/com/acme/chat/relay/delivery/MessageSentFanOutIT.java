package com.acme.chat.relay.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.relay.testsupport.Events.freshUser;
import static com.acme.chat.relay.testsupport.Events.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one record messaging publishes per message ({@code MessageSent} on
 * {@code chat.messages.v1}) reaches every member's devices but the sending one.
 */
@ChatIntegrationTest
class MessageSentFanOutIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId LAPTOP = DeviceId.of("laptop");

    private static final DeviceId WEB = DeviceId.of("web");

    @Autowired
    DeviceRegistry devices;

    @Test
    void everyMemberIsDeliveredButTheSendingDevice() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-bob");
        handler.route(alice, WEB, "conn-alice-web");
        handler.route(alice, LAPTOP, "conn-alice-laptop");
        devices.register(bob, LAPTOP, Instant.now());
        MessageSent message = sent(alice, WEB, bob, 1);

        events.send(message);

        DeliveryRequested toBob = DeliveryRequested.forRecipient(message, bob, message.occurredAt());
        DeliveryRequested toAlice = DeliveryRequested.forRecipient(message, alice, message.occurredAt());
        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).containsExactlyInAnyOrder(
                new HandlerMessage.Deliver(bob, PHONE, "conn-bob", toBob.toFrame()),
                new HandlerMessage.Deliver(alice, LAPTOP, "conn-alice-laptop", toAlice.toFrame()));
        await().atMost(KAFKA_WAIT).untilAsserted(() -> {
            assertThat(queue.messageIds(bob, PHONE)).containsExactly(message.messageId().value());
            assertThat(queue.messageIds(bob, LAPTOP)).containsExactly(message.messageId().value());
            assertThat(queue.messageIds(alice, LAPTOP)).containsExactly(message.messageId().value());
        });
        assertThat(queue.messageIds(alice, WEB)).isEmpty();
    }

    @Test
    void aConversationsMessagesArePushedInSeqOrder() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-bob");
        MessageSent first = sent(alice, WEB, bob, 1);
        MessageSent second = new MessageSent(UUID.randomUUID(), first.occurredAt(), MessageSent.VERSION,
                MessageId.of(first.messageId() + "-2"), first.conversationId(), 2, alice, WEB, null, first.recipients(),
                "text 2", List.of(), first.sentAt(), ClientMessageId.of(first.clientMsgId() + "-2"));

        events.send(first);
        events.send(second);

        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).extracting(deliver -> ((MessageFrame) deliver.frame()).seq())
            .containsExactly(1L, 2L);
    }

}
