package com.acme.chat.wsmanager.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.RecordedSpans;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.TestTraces;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.testsupport.StubMessaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace per client frame, carried to messaging in {@code traceparent} and named by
 * error frames; and the push of a Redis envelope continuing the trace the envelope
 * carries. Messaging is played by a local stub (it records what websocket-manager sends);
 * Redis is the real one.
 */
@ChatIntegrationTest
@Import(RecordedSpans.Config.class)
@Timeout(60)
class FrameTracingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final StubMessaging MESSAGING = new StubMessaging();

    @LocalServerPort
    int port;

    @Autowired
    RecordedSpans spans;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    WsManagerProperties properties;

    @Autowired
    RouteKeys keys;

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        registry.add("chat.wsmanager.messaging-url", MESSAGING::url);
        registry.add("chat.wsmanager.relay-url", MESSAGING::url);
        registry.add("chat.wsmanager.handler-id", () -> "it-trace-" + UUID.randomUUID());
        registry.add("management.tracing.sampling.probability", () -> "1.0");
    }

    @AfterAll
    static void stopStub() {
        MESSAGING.stop();
    }

    private static String freshUser() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A fresh user's token; it also tells that user's calls apart at the stub. */
    private static String freshUserToken() {
        return TestTokens.forUser(freshUser());
    }

    /**
     * Connects with an upgrade request that carries a trace of its own.
     * @param token the user's token, which identifies the user's calls at the stub
     */
    private WsClient connect(String token, String device, String upgradeTrace) {
        return WsClient.to(WsClient.local(port))
            .deviceId(device)
            .bearer(token)
            .header("traceparent", TestTraces.traceparent(upgradeTrace, TestTraces.newSpanId(), true))
            .connect();
    }

    @Test
    void eachFrameIsATraceOfItsOwnThatTheCallToMessagingCarries() {
        String upgradeTrace = TestTraces.newTraceId();
        String token = freshUserToken();
        try (WsClient client = connect(token, "phone-1", upgradeTrace)) {
            client.next("hello");

            client.send(send("f-1", "bob"));
            JsonNode ack = client.next();
            StubMessaging.Call call = MESSAGING.awaitSendWith(token);

            assertThat(ack.path("type").asString()).isEqualTo("ack");
            assertThat(ack.path("id").asString()).isEqualTo("f-1");
            String frameTrace = TestTraces.traceIdOf(call.traceparent());
            assertThat(frameTrace).isNotEqualTo(upgradeTrace);
            SpanData frame = spans.awaitSpan(
                    span -> span.getTraceId().equals(frameTrace) && span.getName().equals("frame send_message"), WAIT);
            SpanData post = spans
                .awaitSpan(span -> span.getTraceId().equals(frameTrace) && span.getKind() == SpanKind.CLIENT, WAIT);
            assertThat(frame.getParentSpanContext().isValid()).as("a frame starts its trace").isFalse();
            assertThat(frame.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("ok");
            assertThat(post.getParentSpanId()).isEqualTo(frame.getSpanId());
            assertThat(TestTraces.spanIdOf(call.traceparent())).isEqualTo(post.getSpanId());

            client.send(send("f-2", "bob"));
            client.next();
            String secondTrace = TestTraces.traceIdOf(MESSAGING.awaitSendWith(token).traceparent());
            assertThat(secondTrace).isNotEqualTo(frameTrace).isNotEqualTo(upgradeTrace);
        }
    }

    @Test
    void errorFramesNameTheFramesTrace() {
        String upgradeTrace = TestTraces.newTraceId();
        String token = freshUserToken();
        try (WsClient client = connect(token, "phone-1", upgradeTrace)) {
            client.next("hello");

            client.send(send("f-1", "nobody"));
            JsonNode unknown = client.next();
            String callTrace = TestTraces.traceIdOf(MESSAGING.awaitSendWith(token).traceparent());
            client.send("{\"type\":\"send_message\",");
            JsonNode malformed = client.next();
            client.sendBinary(new byte[] { 1, 2, 3 });
            JsonNode binary = client.next();

            assertThat(unknown.path("code").asString()).isEqualTo("unknown_user");
            assertThat(unknown.path("traceId").asString()).isEqualTo(callTrace);
            assertThat(malformed.path("code").asString()).isEqualTo("malformed_json");
            assertThat(binary.path("code").asString()).isEqualTo("bad_request");
            List<String> traces = List.of(unknown.path("traceId").asString(), malformed.path("traceId").asString(),
                    binary.path("traceId").asString());
            assertThat(traces).allMatch(trace -> trace.matches("[0-9a-f]{32}"))
                .doesNotHaveDuplicates()
                .doesNotContain(upgradeTrace);
        }
    }

    @Test
    void pushContinuesTheTraceTheEnvelopeCarries() {
        String user = freshUser();
        String traceId = TestTraces.newTraceId();
        String relaySpan = TestTraces.newSpanId();
        try (WsClient client = connect(TestTokens.forUser(user), "phone-1", TestTraces.newTraceId())) {
            client.next("hello");
            MessageFrame message = message(user);

            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, message,
                    Map.of("traceparent", TestTraces.traceparent(traceId, relaySpan, true))));
            JsonNode pushed = client.next();
            SpanData push = spans.awaitSpan(span -> span.getTraceId().equals(traceId), WAIT);

            assertThat(pushed.path("messageId").asString()).isEqualTo(message.messageId().value());
            assertThat(push.getName()).isEqualTo("push MessageFrame");
            assertThat(push.getParentSpanId()).isEqualTo(relaySpan);
            assertThat(push.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(push.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("pushed");

            // An envelope from a relay without tracing is still pushed, in a trace of
            // its own.
            MessageFrame older = message(user);
            publish(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, older));
            assertThat(client.next().path("messageId").asString()).isEqualTo(older.messageId().value());
        }
    }

    private static String send(String id, String to) {
        return "{\"type\":\"send_message\",\"id\":\"" + id + "\",\"clientMsgId\":\"" + UUID.randomUUID()
                + "\",\"to\":\"" + to + "\",\"text\":\"hi\"}";
    }

    private static MessageFrame message(String user) {
        return new MessageFrame(MessageId.of("m-" + UUID.randomUUID()),
                ConversationId.direct(UserId.of(user), UserId.of("bob")), 7, UserId.of("bob"), DeviceId.of("bob-phone"),
                null, "hi", List.of(), Instant.parse("2026-11-27T21:07:41.123Z"));
    }

    private void publish(HandlerMessage message) {
        String channel = keys.handlerChannel(properties.handlerId());
        String json = JSON.writeValueAsString(message);
        await().atMost(WAIT).until(() -> redis.convertAndSend(channel, json).block(WAIT), receivers -> receivers > 0);
    }

}
