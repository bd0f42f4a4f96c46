package com.acme.chat.relay.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.RedisCallback;

import com.acme.chat.common.event.FanoutRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.testsupport.FakeHandler;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.relay.testsupport.TopicWatcher;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A group message reaches every member device with one publish per handler, and a group
 * above {@code chat.relay.large-fanout-threshold} (50 in the tests) is delivered through
 * {@code chat.fanout.v1}, each member's messages in {@code seq} order.
 */
@ChatIntegrationTest
class GroupFanOutIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId WEB = DeviceId.of("web");

    private static final DeviceId LAPTOP = DeviceId.of("laptop");

    @Autowired
    DeviceRegistry devices;

    @Value("${spring.data.redis.host}")
    String redisHost;

    @Value("${spring.data.redis.port}")
    int redisPort;

    @Test
    void aGroupMessageIsOnePublishPerHandlerAndQueuedForEveryDeviceButTheSendingOne() {
        UserId alice = freshUser("alice");
        List<UserId> members = members(alice, 40);
        try (FakeHandler other = new FakeHandler(redisHost, redisPort, redis, keys, json)) {
            // The sender's web device (sending, connected) and laptop (offline).
            handler.route(alice, WEB, "conn-alice-web");
            devices.register(alice, WEB, Instant.now());
            devices.register(alice, LAPTOP, Instant.now());
            List<UserId> others = members.subList(1, members.size());
            for (int i = 0; i < others.size(); i++) {
                UserId member = others.get(i);
                devices.register(member, PHONE, Instant.now());
                ((i % 2 == 0) ? handler : other).route(member, PHONE, "conn-" + i);
            }
            MessageSent message = groupMessage(alice, members, 1);

            events.send(message);

            await().atMost(KAFKA_WAIT).untilAsserted(() -> {
                assertThat(handler.delivers()).hasSize(20);
                assertThat(other.delivers()).hasSize(19);
            });
            assertThat(handler.pushPublishes()).isEqualTo(1);
            assertThat(other.pushPublishes()).isEqualTo(1);
            List<HandlerMessage.Deliver> all = new ArrayList<>(handler.delivers());
            all.addAll(other.delivers());
            assertThat(all).extracting(HandlerMessage.Deliver::user).containsExactlyInAnyOrderElementsOf(others);
            assertThat(all).allSatisfy(deliver -> {
                assertThat(deliver.device()).isEqualTo(PHONE);
                assertThat(((MessageFrame) deliver.frame()).messageId()).isEqualTo(message.messageId());
            });
            String id = message.messageId().value();
            await().atMost(KAFKA_WAIT).untilAsserted(() -> {
                for (UserId member : others) {
                    assertThat(queue.messageIds(member, PHONE)).containsExactly(id);
                }
                assertThat(queue.messageIds(alice, LAPTOP)).containsExactly(id);
            });
            assertThat(queue.messageIds(alice, WEB)).isEmpty();
        }
    }

    @Test
    void aLargeGroupIsDeliveredThroughTheFanoutTopicInSeqOrderPerDevice() {
        UserId alice = freshUser("alice");
        List<UserId> members = members(alice, 60);
        List<UserId> others = members.subList(1, members.size());
        try (FakeHandler other = new FakeHandler(redisHost, redisPort, redis, keys, json);
                TopicWatcher fanout = new TopicWatcher(Topics.FANOUT, namespace, json)) {
            handler.route(alice, WEB, "conn-alice-web");
            for (int i = 0; i < others.size(); i++) {
                ((i % 2 == 0) ? handler : other).route(others.get(i), PHONE, "conn-" + i);
            }
            MessageSent first = groupMessage(alice, members, 1);
            MessageSent second = groupMessage(alice, members, 2);

            events.send(first);
            events.send(second);

            fanout.awaitEvent(FanoutRequested.class, chunk -> chunk.message().messageId().equals(first.messageId()),
                    KAFKA_WAIT);
            await().atMost(KAFKA_WAIT)
                .untilAsserted(() -> assertThat(handler.delivers().size() + other.delivers().size())
                    .isEqualTo(2 * others.size()));
            for (int i = 0; i < others.size(); i++) {
                UserId member = others.get(i);
                List<Long> seqs = ((i % 2 == 0) ? handler : other).delivers()
                    .stream()
                    .filter(deliver -> deliver.user().equals(member))
                    .map(deliver -> ((MessageFrame) deliver.frame()).seq())
                    .toList();
                assertThat(seqs).as("pushes to %s", member).containsExactly(1L, 2L);
                assertThat(queue.messageIds(member, PHONE)).as("queue of %s", member)
                    .containsExactly(first.messageId().value(), second.messageId().value());
            }
            // Nothing to the sending device; chunks by handler: at most one publish per
            // handler, chunk and message.
            assertThat(handler.delivers()).noneMatch(deliver -> deliver.user().equals(alice));
            assertThat(handler.pushPublishes() + other.pushPublishes()).isLessThanOrEqualTo(2 * 2 * 4);
        }
    }

    @Test
    void queueCountsAreTakenAgainAfterRedisForgotTheScript() {
        UserId alice = freshUser("alice");
        List<UserId> members = members(alice, 3);
        members.subList(1, 3).forEach(member -> devices.register(member, PHONE, Instant.now()));
        // As after a Redis restart: the pipelined EVALSHA gets NOSCRIPT, loads, runs
        // again.
        redis.execute((RedisCallback<Object>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });

        events.send(groupMessage(alice, members, 1));

        await().atMost(KAFKA_WAIT).untilAsserted(() -> {
            for (UserId member : members.subList(1, 3)) {
                assertThat(redis.opsForHash().get(keys.prefix() + "queue-size:" + member.value(), PHONE.value()))
                    .isEqualTo("1");
            }
        });
    }

    /** The sender first, then {@code count - 1} fresh members. */
    private static List<UserId> members(UserId sender, int count) {
        List<UserId> members = new ArrayList<>(List.of(sender));
        for (int i = 1; i < count; i++) {
            members.add(freshUser("member" + i));
        }
        return members;
    }

    private static MessageSent groupMessage(UserId sender, List<UserId> members, long seq) {
        GroupId group = GroupId.of("grp-" + UUID.nameUUIDFromBytes(members.get(0).value().getBytes()));
        String id = UUID.randomUUID().toString();
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new MessageSent(UUID.randomUUID(), sentAt, MessageSent.VERSION, MessageId.of("m-" + id),
                ConversationId.group(group), seq, sender, WEB, group, members, "text " + seq, List.of(), sentAt,
                ClientMessageId.of("c-" + id));
    }

}
