package com.acme.chat.wsmanager.session;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.wsmanager.testsupport.StubRelay;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ProtocolLimits;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.testsupport.RawWebSocket;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.testsupport.PresenceEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket endpoint as a client sees it, against the real Redis and Kafka: handshake
 * rules, frames and error frames, close codes, routes in Redis and the handler's pub/sub
 * channel. Every test uses fresh user ids.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-ws-${random.uuid}",
        "chat.wsmanager.allowed-origins=http://localhost:3000" })
@Timeout(60)
class ChatWebSocketIT {

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        StubRelay.use(registry);
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    RouteKeys keys;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    ReactiveRedisConnectionFactory redisConnections;

    @Autowired
    WsManagerProperties properties;

    private static String freshUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private String route(String user, String device) {
        return redis.opsForValue().get(keys.route(UserId.of(user), DeviceId.of(device))).block(WAIT);
    }

    private List<String> indexedDevices(String user) {
        return redis.opsForSet().members(keys.devices(UserId.of(user))).collectList().block(WAIT);
    }

    private WsClient connect(String device, String token) {
        return WsClient.connect(WsClient.local(port), device, token);
    }

    private WsClient.Handshake handshake() {
        return WsClient.to(WsClient.local(port));
    }

    @Test
    void helloAfterHandshake() {
        String user = freshUser();
        try (WsClient client = connect("phone-1", TestTokens.forUser(user))) {
            JsonNode hello = client.next();

            assertThat(hello.path("type").asString()).isEqualTo("hello");
            assertThat(hello.path("connectionId").asString()).startsWith("c-");
            assertThat(hello.path("userId").asString()).isEqualTo(user);
            assertThat(hello.path("deviceId").asString()).isEqualTo("phone-1");
            assertThat(hello.path("heartbeatIntervalSeconds").asInt()).isEqualTo(ProtocolLimits.HEARTBEAT_SECONDS);
            assertThat(hello.path("maxFrameBytes").asInt()).isEqualTo(ProtocolLimits.MAX_FRAME_BYTES);
            assertThat(route(user, "phone-1"))
                .isEqualTo(RouteKeys.routeValue(properties.handlerId(), hello.path("connectionId").asString()));
            Long ttl = redis.getExpire(keys.route(UserId.of(user), DeviceId.of("phone-1")))
                .map(Duration::getSeconds)
                .block(WAIT);
            assertThat(ttl).isBetween(1L, properties.routeTtl().getSeconds());
        }
    }

    @Test
    void handshakeWithoutTokenIs401() {
        WsClient.Refusal refusal = handshake().deviceId("phone-1").refused();

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.contentType()).startsWith("application/problem+json");
        assertThat(refusal.code()).isEqualTo("unauthenticated");
    }

    @Test
    void invalidTokenIs401Unauthenticated() {
        WsClient.Refusal refusal = handshake().deviceId("phone-1").bearer("not-a-jwt").refused();

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.code()).isEqualTo("unauthenticated");
    }

    @Test
    void expiredTokenIs401WithTokenExpired() {
        WsClient.Refusal refusal = handshake().deviceId("phone-1").bearer(TestTokens.expiredFor(freshUser())).refused();

        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.code()).isEqualTo("token_expired");
    }

    @Test
    void missingOrInvalidDeviceIdIs400() {
        String token = TestTokens.forUser(freshUser());

        WsClient.Refusal missing = handshake().bearer(token).refused();
        WsClient.Refusal blank = handshake().deviceId("a b").bearer(token).refused();

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("validation_failed");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("validation_failed");
        for (String dotSegment : new String[] { ".", ".." }) {
            WsClient.Refusal refusal = handshake().deviceId(dotSegment).bearer(token).refused();
            assertThat(refusal.status()).as(dotSegment).isEqualTo(400);
            assertThat(refusal.code()).as(dotSegment).isEqualTo("validation_failed");
        }
    }

    @Test
    void foreignOriginIs403() {
        String token = TestTokens.forUser(freshUser());

        WsClient.Refusal refusal = handshake().deviceId("web-1").bearer(token).origin("https://evil.example").refused();

        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.code()).isEqualTo("forbidden");
        try (WsClient allowed = handshake().deviceId("web-1").bearer(token).origin("http://localhost:3000").connect()) {
            assertThat(allowed.next().path("type").asString()).isEqualTo("hello");
        }
    }

    @Test
    void ticketConnectsOnceThenIsRejected() {
        String user = freshUser();
        HttpResponse<String> created = Http.request(url("/api/v1/ws-tickets"))
            .bearer(TestTokens.forUser(user))
            .post(Json.object("deviceId", "web-1"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode ticket = Http.json(created);
        String value = ticket.path("ticket").asString();
        assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(ticket.path("path").asString()).isEqualTo("/ws?ticket=" + value);
        assertThat(Instant.parse(ticket.path("expiresAt").asString())).isBetween(Instant.now(),
                Instant.now().plusSeconds(31));

        // The path asserted above is exactly this handshake's.
        try (WsClient client = handshake().ticket(value).origin("http://localhost:3000").connect()) {
            JsonNode hello = client.next();
            assertThat(hello.path("type").asString()).isEqualTo("hello");
            assertThat(hello.path("userId").asString()).isEqualTo(user);
            assertThat(hello.path("deviceId").asString()).isEqualTo("web-1");
        }
        WsClient.Refusal reused = handshake().ticket(value).refused();
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("unauthenticated");
    }

    @Test
    void ticketNeedsTokenAndValidDeviceId() {
        HttpResponse<String> anonymous = Http.request(url("/api/v1/ws-tickets")).post(Json.object("deviceId", "web-1"));
        HttpResponse<String> noDevice = Http.request(url("/api/v1/ws-tickets"))
            .bearer(TestTokens.forUser(freshUser()))
            .post("{}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(noDevice.statusCode()).isEqualTo(400);
        assertThat(Http.json(noDevice).path("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void ticketEndpointAnswersCorsPreflightOfAllowedOriginsOnly() {
        HttpResponse<String> allowed = Http.request(url("/api/v1/ws-tickets"))
            .origin("http://localhost:3000")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type")
            .options();
        HttpResponse<String> foreign = Http.request(url("/api/v1/ws-tickets"))
            .origin("https://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .options();

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void pingGetsPong() {
        try (WsClient client = connect("phone-1", TestTokens.forUser(freshUser()))) {
            client.next("hello");
            client.send("{\"type\":\"ping\",\"id\":\"p-1\"}");

            JsonNode pong = client.next();
            assertThat(pong.path("type").asString()).isEqualTo("pong");
            assertThat(pong.path("id").asString()).isEqualTo("p-1");
        }
    }

    @Test
    void malformedJsonGetsErrorFrameAndConnectionStaysOpen() {
        try (WsClient client = connect("phone-1", TestTokens.forUser(freshUser()))) {
            client.next("hello");
            client.send("{\"type\":\"ping\",\"id\":");

            JsonNode error = client.next();
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("code").asString()).isEqualTo("malformed_json");
            // Present and null (protocol §6), not left out.
            assertThat(error.has("id")).isTrue();
            assertThat(error.path("id").isNull()).isTrue();
            assertThat(error.path("retryable").asBoolean()).isFalse();

            client.send("{\"type\":\"ping\",\"id\":\"p-2\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("pong");
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void unknownFrameTypeGetsErrorFrame() {
        try (WsClient client = connect("phone-1", TestTokens.forUser(freshUser()))) {
            client.next("hello");
            client.send("{\"type\":\"launch_rocket\",\"id\":\"f-9\"}");

            JsonNode error = client.next();
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("code").asString()).isEqualTo("unknown_frame_type");
            assertThat(error.path("id").asString()).isEqualTo("f-9");
        }
    }

    @Test
    void invalidReservedAndBinaryFramesGetErrorFrames() {
        try (WsClient client = connect("phone-1", TestTokens.forUser(freshUser()))) {
            client.next("hello");

            client.send("{\"type\":\"mark_read\",\"id\":\"f-1\",\"conversationId\":\"d:a:b\",\"seq\":0}");
            JsonNode invalid = client.next();
            assertThat(invalid.path("code").asString()).isEqualTo("validation_failed");
            assertThat(invalid.path("id").asString()).isEqualTo("f-1");

            // Reserved whatever the fields: here conversationId is missing and typing is
            // a
            // string.
            client.send("{\"type\":\"typing\",\"id\":\"f-2\",\"typing\":\"yes\"}");
            JsonNode reserved = client.next();
            assertThat(reserved.path("code").asString()).isEqualTo("bad_request");
            assertThat(reserved.path("message").asString()).isEqualTo("reserved: presence is not available yet");
            assertThat(reserved.path("id").asString()).isEqualTo("f-2");

            client.sendBinary(new byte[] { 1, 2, 3 });
            JsonNode binary = client.next();
            assertThat(binary.path("code").asString()).isEqualTo("bad_request");

            client.send("{\"type\":\"mark_read\",\"id\":\"f-3\",\"conversationId\":\"d:a:b\",\"seq\":\"5\"}");
            JsonNode coerced = client.next();
            assertThat(coerced.path("code").asString()).isEqualTo("validation_failed");
            assertThat(coerced.path("id").asString()).isEqualTo("f-3");

            client.send("{\"type\":\"send_message\",\"id\":\"f-4\",\"clientMsgId\":\"c-4\",\"to\":\"bob\","
                    + "\"text\":\"\",\"media\":[{\"assetHash\":\"" + "c".repeat(64)
                    + "\",\"contentType\":\"image/png\",\"size\":9223372036854775807}]}");
            JsonNode media = client.next();
            assertThat(media.path("code").asString()).isEqualTo("media_unavailable");
            assertThat(media.path("id").asString()).isEqualTo("f-4");

            client.send("{\"type\":\"ping\",\"id\":\"p\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesWith1007() throws IOException {
        String user = freshUser();
        try (RawWebSocket raw = RawWebSocket.open(URI.create(WsClient.local(port)), "phone-1", TestTokens.forUser(user),
                65536)) {
            assertThat(raw.next((int) WAIT.toMillis()).text()).contains("\"hello\"");
            // '{', an invalid two-byte sequence, '}'.
            raw.send(RawWebSocket.TEXT, new byte[] { 0x7b, (byte) 0xc3, 0x28, 0x7d });

            RawWebSocket.Frame frame = raw.next((int) WAIT.toMillis());
            while (frame.opcode() != RawWebSocket.CLOSE) {
                frame = raw.next((int) WAIT.toMillis());
            }
            assertThat(frame.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
    }

    @Test
    void oversizeFrameClosesWith1009() {
        // The JDK client sends a large message as several 16 KiB fragments.
        try (WsClient client = connect("phone-1", TestTokens.forUser(freshUser()))) {
            client.next("hello");
            client.send(pingPaddedTo(ProtocolLimits.MAX_FRAME_BYTES + 1));

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1009);
        }
    }

    @Test
    void oversizeSingleFrameClosesWith1009() {
        // Reactor Netty's client sends the message as one frame, which Netty's frame
        // decoder rejects. The tests' WsClient (the JDK's) cannot: it always fragments,
        // so
        // this one test needs another client.
        String token = TestTokens.forUser(freshUser());
        Integer code = reactor.netty.http.client.HttpClient.create()
            // Netty's client sends an Origin of its own unless one is set; it must be an
            // allowed one.
            .headers(h -> h.set("Authorization", "Bearer " + token).set("Origin", "http://localhost:3000"))
            .websocket(reactor.netty.http.client.WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
            .uri("ws://127.0.0.1:" + port + "/ws?deviceId=phone-1")
            .handle((in, out) -> out
                .sendString(reactor.core.publisher.Mono.just(pingPaddedTo(ProtocolLimits.MAX_FRAME_BYTES + 1)))
                .then()
                .thenMany(in.receiveCloseStatus().map(status -> status.code())))
            .next()
            .block(WAIT);

        assertThat(code).isEqualTo(1009);
    }

    private static String pingPaddedTo(int bytes) {
        String head = "{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() {
        try (WsClient client = connect("phone-1", TestTokens.forUser(freshUser()))) {
            client.next("hello");
            client.send(pingPaddedTo(ProtocolLimits.MAX_FRAME_BYTES));

            JsonNode answer = client.next();
            assertThat(answer.path("type").asString()).as(answer.toString()).isEqualTo("pong");
            assertThat(answer.path("id").asString()).isEqualTo("big");
        }
    }

    @Test
    void secondConnectionOfSameDeviceEvictsFirstWith4001() {
        String user = freshUser();
        try (PresenceEvents presence = new PresenceEvents(namespace, user);
                WsClient first = connect("phone-1", TestTokens.forUser(user))) {
            String replaced = first.next("hello").path("connectionId").asString();
            try (WsClient second = connect("phone-1", TestTokens.forUser(user))) {
                JsonNode hello = second.next("hello");

                assertThat(first.awaitClose(WAIT).code()).isEqualTo(4001);
                assertThat(route(user, "phone-1"))
                    .isEqualTo(RouteKeys.routeValue(properties.handlerId(), hello.path("connectionId").asString()));
                second.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
                assertThat(second.next().path("id").asString()).isEqualTo("still-here");
                // The replaced connection's cleanup must not remove the newer route. It
                // has run once its device_disconnected is out, so the check below cannot
                // pass merely because the cleanup has not happened yet.
                presence.awaitDisconnected(replaced);
                await().during(Duration.ofMillis(500))
                    .atMost(WAIT)
                    .untilAsserted(() -> assertThat(route(user, "phone-1")).isEqualTo(
                            RouteKeys.routeValue(properties.handlerId(), hello.path("connectionId").asString())));
            }
        }
    }

    @Test
    void twoDevicesOfOneUserBothConnected() {
        String user = freshUser();
        try (WsClient phone = connect("phone-1", TestTokens.forUser(user));
                WsClient laptop = connect("laptop-1", TestTokens.forUser(user))) {
            String phoneConnection = phone.next("hello").path("connectionId").asString();
            String laptopConnection = laptop.next("hello").path("connectionId").asString();

            assertThat(route(user, "phone-1")).isEqualTo(RouteKeys.routeValue(properties.handlerId(), phoneConnection));
            assertThat(route(user, "laptop-1"))
                .isEqualTo(RouteKeys.routeValue(properties.handlerId(), laptopConnection));
            assertThat(indexedDevices(user)).containsExactlyInAnyOrder("phone-1", "laptop-1");
            phone.send("{\"type\":\"ping\",\"id\":\"a\"}");
            laptop.send("{\"type\":\"ping\",\"id\":\"b\"}");
            assertThat(phone.next().path("id").asString()).isEqualTo("a");
            assertThat(laptop.next().path("id").asString()).isEqualTo("b");
        }
    }

    @Test
    void routeIsRemovedOnClose() {
        String user = freshUser();
        WsClient phone = connect("phone-1", TestTokens.forUser(user));
        WsClient laptop = connect("laptop-1", TestTokens.forUser(user));
        String phoneConnection = phone.next("hello").path("connectionId").asString();
        laptop.next("hello");
        // Both routes exist before the closes, so their absence afterwards is the closes'
        // doing.
        assertThat(route(user, "phone-1")).isEqualTo(RouteKeys.routeValue(properties.handlerId(), phoneConnection));
        assertThat(indexedDevices(user)).containsExactlyInAnyOrder("phone-1", "laptop-1");

        phone.close();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(route(user, "phone-1")).isNull();
            assertThat(indexedDevices(user)).containsExactly("laptop-1");
        });
        laptop.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(indexedDevices(user)).isEmpty());
    }

    @Test
    void pushesDeliverFromHandlerChannelToTheDevice() {
        String user = freshUser();
        try (WsClient phone = connect("phone-1", TestTokens.forUser(user));
                WsClient laptop = connect("laptop-1", TestTokens.forUser(user))) {
            phone.next("hello");
            String laptopConnection = laptop.next("hello").path("connectionId").asString();
            MessageFrame message = new MessageFrame(MessageId.of("m-" + UUID.randomUUID()),
                    ConversationId.direct(UserId.of(user), UserId.of("bob")), 7, UserId.of("bob"),
                    DeviceId.of("bob-phone"), null, "hi", List.of(), Instant.parse("2026-11-27T21:07:41.123Z"));

            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, message));
            JsonNode pushed = phone.next();
            assertThat(pushed.path("type").asString()).isEqualTo("message");
            assertThat(pushed.path("messageId").asString()).isEqualTo(message.messageId().value());
            assertThat(pushed.path("seq").asLong()).isEqualTo(7);
            assertThat(pushed.path("text").asString()).isEqualTo("hi");

            // A connection id that is not the current one is dropped; the right one is
            // delivered.
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("laptop-1"), "c-stale", message));
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("laptop-1"), laptopConnection, message));
            JsonNode toLaptop = laptop.next();
            assertThat(toLaptop.path("type").asString()).isEqualTo("message");
            laptop.send("{\"type\":\"ping\",\"id\":\"after\"}");
            assertThat(laptop.next().path("id").asString()).isEqualTo("after");
        }
    }

    @Test
    void pushesDeliverManyFromHandlerChannelToEachTargetDevice() {
        String alice = freshUser();
        String bob = freshUser();
        try (WsClient alicePhone = connect("phone-1", TestTokens.forUser(alice));
                WsClient bobPhone = connect("phone-1", TestTokens.forUser(bob))) {
            String aliceConnection = alicePhone.next("hello").path("connectionId").asString();
            bobPhone.next("hello");
            GroupId group = GroupId.of("grp-" + UUID.randomUUID());
            MessageFrame message = new MessageFrame(MessageId.of("m-" + UUID.randomUUID()), ConversationId.group(group),
                    3, UserId.of("carol"), DeviceId.of("carol-phone"), group, "hi all", List.of(),
                    Instant.parse("2026-11-27T21:07:41.123Z"));

            // One publish for three targets: a stale connection id is dropped, the others
            // get the frame as if each had its own deliver.
            publish(new HandlerMessage.DeliverMany(
                    List.of(new HandlerMessage.Target(UserId.of(alice), DeviceId.of("phone-1"), "c-stale"),
                            new HandlerMessage.Target(UserId.of(alice), DeviceId.of("phone-1"), aliceConnection),
                            new HandlerMessage.Target(UserId.of(bob), DeviceId.of("phone-1"), null)),
                    message));

            for (WsClient client : List.of(alicePhone, bobPhone)) {
                JsonNode pushed = client.next();
                assertThat(pushed.path("type").asString()).isEqualTo("message");
                assertThat(pushed.path("messageId").asString()).isEqualTo(message.messageId().value());
                assertThat(pushed.path("seq").asLong()).isEqualTo(3);
                // Exactly once: the next frame is the answer to this ping.
                client.send("{\"type\":\"ping\",\"id\":\"after\"}");
                assertThat(client.next().path("id").asString()).isEqualTo("after");
            }
        }
    }

    @Test
    void evictOnHandlerChannelClosesThatConnectionWith4001() {
        String user = freshUser();
        try (WsClient phone = connect("phone-1", TestTokens.forUser(user))) {
            String connection = phone.next("hello").path("connectionId").asString();

            publish(new HandlerMessage.Evict(UserId.of(user), DeviceId.of("phone-1"), "c-other"));
            // The evict of another connection left this one open: a push published after
            // it on the same channel still arrives.
            MessageFrame message = new MessageFrame(MessageId.of("m-" + UUID.randomUUID()),
                    ConversationId.direct(UserId.of(user), UserId.of("bob")), 1, UserId.of("bob"),
                    DeviceId.of("bob-phone"), null, "still open", List.of(), Instant.now());
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), connection, message));
            assertThat(phone.next().path("messageId").asString()).isEqualTo(message.messageId().value());
            assertThat(phone.isClosed()).isFalse();
            publish(new HandlerMessage.Evict(UserId.of(user), DeviceId.of("phone-1"), connection));

            assertThat(phone.awaitClose(WAIT).code()).isEqualTo(4001);
        }
    }

    @Test
    void connectingEvictsTheDevicesConnectionOnAnotherHandler() {
        String user = freshUser();
        String otherHandler = "it-other-" + UUID.randomUUID();
        redis.opsForValue()
            .set(keys.route(UserId.of(user), DeviceId.of("phone-1")), RouteKeys.routeValue(otherHandler, "c-old"))
            .block(WAIT);
        ReactiveRedisMessageListenerContainer container = new ReactiveRedisMessageListenerContainer(redisConnections);
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        var subscription = container.receiveLater(ChannelTopic.of(keys.handlerChannel(otherHandler)))
            .block(WAIT)
            .subscribe(message -> received.add(message.getMessage()));
        try (WsClient phone = connect("phone-1", TestTokens.forUser(user))) {
            phone.next("hello");

            await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(1));
            HandlerMessage evict = Json.MAPPER.readValue(received.get(0), HandlerMessage.class);
            assertThat(evict).isEqualTo(new HandlerMessage.Evict(UserId.of(user), DeviceId.of("phone-1"), "c-old"));
        }
        finally {
            subscription.dispose();
            container.destroy();
        }
    }

    @Test
    void routesQueryAnswersOnlyForYourself() {
        String user = freshUser();
        String token = TestTokens.forUser(user);
        try (WsClient phone = connect("phone-1", token); WsClient laptop = connect("laptop-1", token)) {
            phone.next("hello");
            laptop.next("hello");

            HttpResponse<String> own = Http.get(url("/api/v1/routes/" + user), token);
            HttpResponse<String> foreign = Http.get(url("/api/v1/routes/" + freshUser()), token);
            HttpResponse<String> anonymous = Http.get(url("/api/v1/routes/" + user));

            assertThat(own.statusCode()).isEqualTo(200);
            JsonNode body = Http.json(own);
            assertThat(body.path("userId").asString()).isEqualTo(user);
            List<String> devices = new ArrayList<>();
            body.path("devices").forEach(device -> {
                devices.add(device.path("deviceId").asString());
                assertThat(device.path("handlerId").asString()).isEqualTo(properties.handlerId());
            });
            assertThat(devices).containsExactlyInAnyOrder("phone-1", "laptop-1");
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(Http.json(foreign).path("code").asString()).isEqualTo("forbidden");
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void publishesDeviceConnectedAndDisconnected() {
        String user = freshUser();
        try (PresenceEvents presence = new PresenceEvents(namespace, user)) {
            String connection;
            try (WsClient phone = connect("phone-1", TestTokens.forUser(user))) {
                connection = phone.next("hello").path("connectionId").asString();
            }

            List<JsonNode> events = presence.awaitEvents(2);
            assertThat(events).extracting(event -> event.path("type").asString())
                .containsExactly("device_connected", "device_disconnected");
            assertThat(events).allSatisfy(event -> {
                assertThat(event.path("user").asString()).isEqualTo(user);
                assertThat(event.path("device").asString()).isEqualTo("phone-1");
                assertThat(event.path("handlerId").asString()).isEqualTo(properties.handlerId());
                assertThat(event.path("connectionId").asString()).isEqualTo(connection);
            });
        }
    }

    private void publish(HandlerMessage message) {
        String channel = keys.handlerChannel(properties.handlerId());
        String json = Json.write(message);
        // The subscription is set up asynchronously at startup; wait until the handler
        // listens.
        await().atMost(WAIT).until(() -> redis.convertAndSend(channel, json).block(WAIT), receivers -> receivers > 0);
    }

    private String url(String path) {
        return Http.local(port, path);
    }

}
