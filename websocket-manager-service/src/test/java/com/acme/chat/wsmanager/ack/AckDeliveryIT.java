package com.acme.chat.wsmanager.ack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.testsupport.StubRelay;
import com.acme.chat.wsmanager.testsupport.UserEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ack_delivery} over a real WebSocket becomes a {@code delivery_acked} record on
 * the real Kafka's {@code chat.acks.v1} (in the test run's namespace), keyed by the
 * token's user, and is answered once the broker holds it. Messages reach the connection
 * through the handler's Redis channel, as relay pushes them, so the ack can name their
 * queue keys.
 */
@ChatIntegrationTest
@TestPropertySource(properties = "chat.wsmanager.handler-id=it-ack-${random.uuid}")
@Timeout(60)
class AckDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        StubRelay.use(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    RouteKeys keys;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    WsManagerProperties properties;

    @Test
    void anAnsweredAckIsOnKafkaWithTheQueueKeysOfThePushedMessages() {
        String user = "a-" + UUID.randomUUID().toString().substring(0, 13);
        ConversationId conversation = ConversationId.direct(UserId.of(user), UserId.of("bob"));
        MessageFrame message = new MessageFrame(MessageId.of("m-" + UUID.randomUUID()), conversation, 7,
                UserId.of("bob"), DeviceId.of("bob-phone"), null, "hi", List.of(),
                Instant.parse("2026-11-27T21:07:41.123Z"));
        try (UserEvents acks = new UserEvents(namespace, Topics.ACKS, user);
                WsClient phone = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            phone.next("hello");
            push(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, message));
            phone.awaitMessage(message.messageId().value());

            JsonNode pushedAck = phone.ackDelivery(conversation.value(),
                    List.of(message.messageId().value(), message.messageId().value()));
            JsonNode unknownAck = phone.ackDelivery(conversation.value(), List.of("m-never-pushed"));

            assertThat(pushedAck.path("type").asString()).isEqualTo("ack");
            assertThat(pushedAck.path("removed").asInt()).as("distinct messages taken").isEqualTo(1);
            assertThat(unknownAck.path("type").asString()).isEqualTo("ack");
            assertThat(unknownAck.path("removed").asInt()).isEqualTo(1);
            List<JsonNode> events = acks.awaitEvents(2);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.path("type").asString()).isEqualTo("delivery_acked");
                assertThat(event.path("user").asString()).isEqualTo(user);
                assertThat(event.path("device").asString()).isEqualTo("phone-1");
                assertThat(event.path("conversationId").asString()).isEqualTo(conversation.value());
            });
            assertThat(events.get(0).path("messageIds"))
                .isEqualTo(Json.read("[\"" + message.messageId().value() + "\"]"));
            assertThat(events.get(0).path("refs")).isEqualTo(Json.read("[{\"messageId\":\""
                    + message.messageId().value() + "\",\"seq\":7,\"sentAt\":\"2026-11-27T21:07:41.123Z\"}]"));
            assertThat(events.get(1).path("messageIds")).isEqualTo(Json.read("[\"m-never-pushed\"]"));
            assertThat(events.get(1).path("refs").isMissingNode() || events.get(1).path("refs").isNull())
                .as("no refs when the connection did not push every message")
                .isTrue();
        }
    }

    private void push(HandlerMessage message) {
        String channel = keys.handlerChannel(properties.handlerId());
        String json = Json.write(message);
        // The handler subscribes to its channel asynchronously at startup.
        await().atMost(WAIT).until(() -> redis.convertAndSend(channel, json).block(WAIT), receivers -> receivers > 0);
    }

}
