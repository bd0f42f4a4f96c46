package com.acme.chat.relay.device;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.relay.testsupport.Events.connected;
import static com.acme.chat.relay.testsupport.Events.connectedReplayingItself;
import static com.acme.chat.relay.testsupport.Events.delivery;
import static com.acme.chat.relay.testsupport.Events.disconnected;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ChatIntegrationTest
class PresenceIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId TABLET = DeviceId.of("tablet");

    private static final DeviceId WEB = DeviceId.of("web");

    @Autowired
    DeviceRegistry devices;

    @Test
    void replaysQueueInOrderOnDeviceConnected() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        List<DeliveryRequested> messages = queueOffline(bob, alice, PHONE, 3);

        events.send(connected(bob, PHONE, handler.id(), "conn-7"));

        // chat.relay.replay-batch-size is 2 in tests, so the replay spans two pages.
        assertThat(handler.awaitDelivers(3, KAFKA_WAIT)).containsExactlyElementsOf(
                messages.stream().map(m -> new HandlerMessage.Deliver(bob, PHONE, "conn-7", m.toFrame())).toList());
        assertThat(queue.of(bob, PHONE)).hasSize(3);
        // The rows outlived the replay: the next connect (same key, so handled after the
        // first replay finished) replays all three again.
        events.send(connected(bob, PHONE, handler.id(), "conn-8"));
        List<HandlerMessage.Deliver> delivers = handler.awaitDelivers(6, KAFKA_WAIT);
        assertThat(delivers.subList(3, delivers.size())).containsExactlyElementsOf(
                messages.stream().map(m -> new HandlerMessage.Deliver(bob, PHONE, "conn-8", m.toFrame())).toList());
    }

    @Test
    void aHandlerThatReplaysItselfGetsNoReplayFromTheEvent() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        List<DeliveryRequested> messages = queueOffline(bob, alice, PHONE, 2);

        events.send(connectedReplayingItself(bob, PHONE, handler.id(), "conn-new"));
        // An older handler's event for the same device, after it (same key, so handled
        // after it): once its replay is there, the first event would have had one too.
        events.send(connected(bob, PHONE, handler.id(), "conn-old"));

        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).containsExactlyElementsOf(
                messages.stream().map(m -> new HandlerMessage.Deliver(bob, PHONE, "conn-old", m.toFrame())).toList());
    }

    @Test
    void unackedMessageIsReplayedAgainOnNextConnect() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        List<DeliveryRequested> messages = queueOffline(bob, alice, PHONE, 3);
        events.send(connected(bob, PHONE, handler.id(), "conn-1"));
        handler.awaitDelivers(3, KAFKA_WAIT);

        DeliveryRequested second = messages.get(1);
        assertThat(postAck(TestTokens.forUser(bob.value()), PHONE,
                ackBody(second.conversationId().value(), second.messageId().value()))
            .body()).contains("\"removed\":1");
        events.send(disconnected(bob, PHONE, handler.id(), "conn-1", Instant.now()));
        events.send(connected(bob, PHONE, handler.id(), "conn-2"));

        // The replay runs in seq order, so seq 3 right after seq 1 means seq 2 is gone
        // for good.
        List<HandlerMessage.Deliver> delivers = handler.awaitDelivers(5, KAFKA_WAIT);
        assertThat(delivers.subList(3, delivers.size())).containsExactly(
                new HandlerMessage.Deliver(bob, PHONE, "conn-2", messages.get(0).toFrame()),
                new HandlerMessage.Deliver(bob, PHONE, "conn-2", messages.get(2).toFrame()));
    }

    @Test
    void firstDeviceReceivesPendingQueue() {
        UserId alice = freshUser("alice");
        UserId carol = freshUser("carol");
        DeliveryRequested delivery = delivery(carol, alice, WEB, 1);
        events.send(delivery);
        await().atMost(KAFKA_WAIT)
            .until(() -> queue.messageIds(carol, UnsentQueueRepository.UNASSIGNED)
                .contains(delivery.messageId().value()));

        events.send(connected(carol, TABLET, handler.id(), "conn-1"));

        HandlerMessage.Deliver deliver = handler.awaitDelivers(1, KAFKA_WAIT).get(0);
        assertThat(deliver).isEqualTo(new HandlerMessage.Deliver(carol, TABLET, "conn-1", delivery.toFrame()));
        assertThat(queue.messageIds(carol, TABLET)).containsExactly(delivery.messageId().value());
        assertThat(queue.of(carol, UnsentQueueRepository.UNASSIGNED)).isEmpty();
        assertThat(devices.devices(carol)).containsExactly(TABLET);
    }

    @Test
    void disconnectRecordsLastSeenOfARegisteredDeviceOnly() {
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(5);

        // A device that is not registered (removed by its user, say) stays unregistered;
        // handled before bob's phone's disconnect (same key), so checked after it.
        events.send(disconnected(bob, TABLET, handler.id(), "conn-0", at));
        events.send(disconnected(bob, PHONE, handler.id(), "conn-1", at));

        await().atMost(KAFKA_WAIT).untilAsserted(() -> assertThat(lastSeen(bob, PHONE)).isEqualTo(at));
        assertThat(lastSeen(bob, TABLET)).isNull();
    }

    private @Nullable Instant lastSeen(UserId user, DeviceId device) {
        Row row = session.execute(SimpleStatement.newInstance(
                "SELECT last_seen FROM user_devices WHERE user_id = ? AND device_id = ?", user.value(), device.value()))
            .one();
        return (row == null) ? null : row.getInstant("last_seen");
    }

}
