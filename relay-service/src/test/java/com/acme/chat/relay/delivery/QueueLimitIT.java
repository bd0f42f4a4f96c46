package com.acme.chat.relay.delivery;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.UndeliveredFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.queue.QueuedRef;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.testsupport.QueueRows;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.relay.testsupport.Events.delivery;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code chat.relay.max-queue-per-device} (here 3) on the real queue and Redis: the
 * oldest messages stay queued, the rest of the conversation goes to one resync marker,
 * the sender is told once, the device gets the marker on replay, and only an ack of the
 * marker's latest version removes it.
 */
@ChatIntegrationTest
@TestPropertySource(properties = "chat.relay.max-queue-per-device=3")
class QueueLimitIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId WEB = DeviceId.of("web");

    @Autowired
    DeviceRegistry devices;

    @Autowired
    UnsentQueueRepository repository;

    @Test
    void keepsTheOldestMarksTheRestAndTellsTheSenderOnce() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        handler.route(alice, WEB, "conn-alice");
        List<DeliveryRequested> sent = send(bob, alice, 1, 5);

        await().atMost(KAFKA_WAIT).until(() -> queue.of(bob, PHONE).size() == 4 && upToSeq(bob, PHONE) == 5);
        assertThat(queue.of(bob, PHONE)).containsExactly(row(sent.get(0)), row(sent.get(1)), row(sent.get(2)),
                new QueueRows.Row(sent.get(4).conversationId().value(), UnsentQueueRepository.RESYNC_SEQ,
                        sent.get(4).messageId().value()));
        // Told once, for the first message that was not queued.
        DeliveryRequested fourth = sent.get(3);
        assertThat(handler.awaitDelivers(1, KAFKA_WAIT)).containsExactly(new HandlerMessage.Deliver(alice, WEB,
                "conn-alice", new UndeliveredFrame(fourth.conversationId(), bob, fourth.messageId(), 4, "queue_full")));

        JsonNode page = replay(bob, PHONE);
        assertThat(page.path("messages").valueStream().map(message -> message.path("seq").asLong())).as(page.toString())
            .containsExactly(1L, 2L, 3L);
        assertThat(json.treeToValue(page.path("resyncs").get(0), ResyncFrame.class))
            .isEqualTo(new ResyncFrame(sent.get(4).conversationId(), 5, sent.get(4).messageId()));
        assertThat(page.path("resyncs")).hasSize(1);

        // A connected device whose queue is full gets the raised marker live. Handled
        // after the fifth message (same recipient, same partition), so by then the fifth
        // would have told alice too, had it done so: it did not.
        handler.route(bob, PHONE, "conn-bob");
        DeliveryRequested sixth = send(bob, alice, 6, 6).get(0);
        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).containsExactly(
                new HandlerMessage.Deliver(alice, WEB, "conn-alice",
                        new UndeliveredFrame(fourth.conversationId(), bob, fourth.messageId(), 4, "queue_full")),
                new HandlerMessage.Deliver(bob, PHONE, "conn-bob",
                        new ResyncFrame(sixth.conversationId(), 6, sixth.messageId())));
    }

    @Test
    void acksFreeRoomAndTheMarkerGoesOnlyWithItsLatestVersion() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        List<DeliveryRequested> sent = send(bob, alice, 1, 4);
        await().atMost(KAFKA_WAIT).until(() -> upToSeq(bob, PHONE) == 4);
        String conversation = sent.get(0).conversationId().value();
        String token = TestTokens.forUser(bob.value());

        // The marker now stands for seq 5 too; an ack of the version for seq 4 is stale.
        List<DeliveryRequested> more = send(bob, alice, 5, 5);
        await().atMost(KAFKA_WAIT).until(() -> upToSeq(bob, PHONE) == 5);
        assertThat(postAck(token, PHONE, ackBody(conversation, sent.get(3).messageId().value())).body())
            .contains("\"removed\":0");
        // Even when the stale version was read before the marker moved on: its tombstone
        // is older than the new version.
        repository
            .removeAsync(bob, PHONE, sent.get(0).conversationId(),
                    List.of(new QueuedRef(sent.get(3).messageId(), UnsentQueueRepository.RESYNC_SEQ,
                            sent.get(3).sentAt(), 4)))
            .toCompletableFuture()
            .join();
        assertThat(upToSeq(bob, PHONE)).isEqualTo(5);

        assertThat(postAck(token, PHONE,
                ackBody(conversation, sent.get(0).messageId().value(), sent.get(1).messageId().value(),
                        sent.get(2).messageId().value(), more.get(0).messageId().value()))
            .body()).contains("\"removed\":4");
        assertThat(queue.of(bob, PHONE)).isEmpty();

        // Room again: the next messages are queued, up to the limit.
        List<DeliveryRequested> later = send(bob, alice, 6, 8);
        await().atMost(KAFKA_WAIT).until(() -> queue.of(bob, PHONE).size() == 3);
        assertThat(queue.messageIds(bob, PHONE))
            .containsExactlyElementsOf(later.stream().map(message -> message.messageId().value()).toList());
    }

    @Test
    void aCountThatIsTooHighIsCorrectedAgainstTheQueue() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        // As after rows expired or a lost decrement: the count says full, the queue is
        // empty.
        redis.opsForHash().put(keys.prefix() + "queue-size:" + bob.value(), PHONE.value(), "3");

        List<DeliveryRequested> sent = send(bob, alice, 1, 1);

        await().atMost(KAFKA_WAIT).until(() -> queue.of(bob, PHONE).size() == 1);
        assertThat(queue.of(bob, PHONE)).containsExactly(row(sent.get(0)));
        assertThat(redis.opsForHash().get(keys.prefix() + "queue-size:" + bob.value(), PHONE.value())).isEqualTo("1");
    }

    private List<DeliveryRequested> send(UserId recipient, UserId sender, int fromSeq, int toSeq) {
        List<DeliveryRequested> sent = new java.util.ArrayList<>();
        for (int seq = fromSeq; seq <= toSeq; seq++) {
            DeliveryRequested message = delivery(recipient, sender, WEB, seq);
            events.send(message);
            sent.add(message);
        }
        return sent;
    }

    private static QueueRows.Row row(DeliveryRequested message) {
        return new QueueRows.Row(message.conversationId().value(), message.seq(), message.messageId().value());
    }

    /** The seq the device's resync marker stands for, or 0 without one. */
    private long upToSeq(UserId user, DeviceId device) {
        Row row = session.execute(SimpleStatement
            .newInstance("SELECT up_to_seq FROM unsent_messages WHERE recipient_id = ? AND device_id = ? AND seq = ? "
                    + "ALLOW FILTERING", user.value(), device.value(), UnsentQueueRepository.RESYNC_SEQ))
            .one();
        return (row == null) ? 0 : row.getLong("up_to_seq");
    }

    private JsonNode replay(UserId user, DeviceId device) {
        HttpResponse<String> response = Http.request(Http.local(port, "/api/v1/devices/" + device.value() + "/replay"))
            .bearer(TestTokens.forUser(user.value()))
            .post(json.writeValueAsString(Map.of("limit", 100)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

}
