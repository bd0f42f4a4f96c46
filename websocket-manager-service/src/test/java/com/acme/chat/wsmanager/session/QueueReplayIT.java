package com.acme.chat.wsmanager.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.testsupport.StubRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new connection gets its device's queue (read from relay page by page) before any live
 * push, and a live push that overtakes the replay waits and comes after it, once
 * (docs/protocol.md §4.2). Relay is a stub whose second page waits until the test has
 * pushed live frames over the real Redis handler channel.
 */
@ChatIntegrationTest
@TestPropertySource(
        properties = { "chat.wsmanager.handler-id=it-replay-${random.uuid}", "chat.wsmanager.replay-page-size=2" })
@Timeout(60)
class QueueReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        StubRelay.use(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    RouteKeys keys;

    @Autowired
    WsManagerProperties properties;

    @Test
    void livePushesDuringTheReplayComeAfterItWithoutDuplicates() {
        String user = "r-" + UUID.randomUUID().toString().substring(0, 13);
        String token = TestTokens.forUser(user);
        ConversationId conversation = ConversationId.direct(UserId.of(user), UserId.of("bob"));
        List<MessageFrame> messages = List.of(message(conversation, 1), message(conversation, 2),
                message(conversation, 3), message(conversation, 4));
        CountDownLatch secondPage = new CountDownLatch(1);
        StubRelay.page(token, page(messages.subList(0, 2), conversation, 2), null);
        StubRelay.page(token, page(messages.subList(2, 3), null, 0), secondPage);

        try (WsClient phone = WsClient.connect(WsClient.local(port), "phone-1", token)) {
            phone.next("hello");
            assertThat(phone.next().path("seq").asLong()).isEqualTo(1);
            assertThat(phone.next().path("seq").asLong()).isEqualTo(2);
            // While the second page is still being read: seq 3 (which that page carries)
            // and seq 4 arrive live.
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, messages.get(2)));
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, messages.get(3)));
            phone.pingAndAwaitPong();
            assertThat(phone.all("message", frame -> true)).hasSize(2);

            secondPage.countDown();

            assertThat(phone.next("message").path("seq").asLong()).isEqualTo(3);
            assertThat(phone.next("message").path("seq").asLong()).isEqualTo(4);
            // Seq 3 again, live, after the replay: dropped too.
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, messages.get(2)));
            phone.pingAndAwaitPong();
            assertThat(phone.all("message", frame -> true).stream().map(frame -> frame.path("seq").asLong()))
                .containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void resyncFramesFollowTheirPagesMessagesAndLiveOnesWaitForTheReplay() {
        String user = "r-" + UUID.randomUUID().toString().substring(0, 13);
        String token = TestTokens.forUser(user);
        ConversationId conversation = ConversationId.direct(UserId.of(user), UserId.of("bob"));
        List<MessageFrame> messages = List.of(message(conversation, 1), message(conversation, 2));
        ResyncFrame marker = new ResyncFrame(conversation, 7, MessageId.of("m-" + UUID.randomUUID()));
        ResyncFrame raised = new ResyncFrame(conversation, 8, MessageId.of("m-" + UUID.randomUUID()));
        CountDownLatch secondPage = new CountDownLatch(1);
        StubRelay.page(token, page(messages, List.of(marker), conversation, Long.MAX_VALUE), null);
        StubRelay.page(token, page(List.of(), List.of(), null, 0), secondPage);

        try (WsClient phone = WsClient.connect(WsClient.local(port), "phone-1", token)) {
            phone.next("hello");
            assertThat(phone.next().path("seq").asLong()).isEqualTo(1);
            assertThat(phone.next().path("seq").asLong()).isEqualTo(2);
            assertThat(Json.MAPPER.treeToValue(phone.next(), ServerFrame.class)).isEqualTo(marker);
            // The marker raised while the replay still runs: held, then sent after it.
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, raised));
            phone.pingAndAwaitPong();
            assertThat(phone.all("resync", frame -> true)).hasSize(1);

            secondPage.countDown();

            assertThat(Json.MAPPER.treeToValue(phone.next("resync"), ServerFrame.class)).isEqualTo(raised);
        }
    }

    @Test
    void aDeviceOverTheUsersLimitIsClosedWith4004() {
        String user = "r-" + UUID.randomUUID().toString().substring(0, 13);
        String token = TestTokens.forUser(user);
        StubRelay.refuse(token, 409, "too_many_devices");

        try (WsClient seventh = WsClient.connect(WsClient.local(port), "phone-7", token)) {
            seventh.next("hello");

            WsClient.Close close = seventh.awaitClose();
            assertThat(close.code()).isEqualTo(CloseCodes.TOO_MANY_DEVICES);
            assertThat(close.reason()).isEqualTo("too_many_devices");
        }
    }

    private static MessageFrame message(ConversationId conversation, long seq) {
        return new MessageFrame(MessageId.of("m-" + UUID.randomUUID()), conversation, seq, UserId.of("bob"),
                DeviceId.of("bob-phone"), null, "text " + seq, List.of(), Instant.parse("2026-11-30T10:00:00Z"));
    }

    private static String page(List<MessageFrame> messages, ConversationId next, long seq) {
        return page(messages, List.of(), next, seq);
    }

    private static String page(List<MessageFrame> messages, List<ResyncFrame> resyncs, ConversationId next, long seq) {
        String nextJson = (next == null) ? "null"
                : "{\"conversationId\": \"" + next.value() + "\", \"seq\": " + seq + "}";
        // Each frame on its own: a list written as the root value would lose the frames'
        // type property to erasure.
        String frames = messages.stream().map(Json::write).collect(Collectors.joining(", ", "[", "]"));
        String markers = resyncs.stream().map(Json::write).collect(Collectors.joining(", ", "[", "]"));
        return "{\"messages\": " + frames + ", \"resyncs\": " + markers + ", \"next\": " + nextJson + "}";
    }

    private void publish(HandlerMessage message) {
        String channel = keys.handlerChannel(properties.handlerId());
        String json = Json.write(message);
        await().atMost(WAIT).until(() -> redis.convertAndSend(channel, json).block(WAIT), receivers -> receivers > 0);
    }

}
