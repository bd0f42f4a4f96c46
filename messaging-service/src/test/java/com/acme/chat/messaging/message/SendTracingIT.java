package com.acme.chat.messaging.message;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.messaging.testsupport.Kafka;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.RecordedSpans;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.TestTraces;

import static com.acme.chat.testsupport.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A REST send continues the caller's trace through Cassandra into the Kafka records it
 * publishes ({@code traceparent} header), and error answers name the request's trace.
 */
@ChatIntegrationTest
@Import(RecordedSpans.Config.class)
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
@Timeout(120)
class SendTracingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    RecordedSpans spans;

    @Autowired
    ChatNamespace namespace;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void sendCarriesTheCallersTraceThroughCassandraIntoEveryKafkaRecord() {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        String traceId = TestTraces.newTraceId();
        String callerSpan = TestTraces.newSpanId();

        try (KafkaConsumer<String, String> consumer = new Kafka(namespace).consumerAtEnd(Topics.MESSAGES)) {
            HttpResponse<String> response = api.request("/api/v1/messages", alice)
                .header("traceparent", TestTraces.traceparent(traceId, callerSpan, true))
                .post(Json.object("clientMsgId", Api.newClientMsgId(), "to", bob, "text", "traced"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String messageId = json(response).path("messageId").asString();

            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(WAIT).untilAsserted(() -> {
                Kafka.poll(consumer)
                    .stream()
                    .filter(record -> record.value().contains(messageId))
                    .forEach(records::add);
                // One MessageSent; relay fans it out to the members.
                assertThat(records).hasSize(1);
            });
            for (ConsumerRecord<String, String> record : records) {
                Header header = record.headers().lastHeader("traceparent");
                assertThat(header).as("traceparent of %s", record.topic()).isNotNull();
                String traceparent = new String(header.value(), StandardCharsets.UTF_8);
                assertThat(TestTraces.traceIdOf(traceparent)).isEqualTo(traceId);
                assertThat(TestTraces.spanIdOf(traceparent)).isNotEqualTo(callerSpan);
            }
        }

        SpanData server = spans
            .awaitSpan(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER, WAIT);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
        await().atMost(WAIT).untilAsserted(() -> {
            List<SpanData> trace = spans.ofTrace(traceId);
            assertThat(trace).filteredOn(span -> span.getKind() == SpanKind.PRODUCER).hasSize(1);
            assertThat(trace).extracting(SpanData::getName)
                .contains("INSERT message_by_client_id", "INSERT messages", "INSERT user_timeline");
            assertThat(trace)
                .filteredOn(span -> "cassandra".equals(span.getAttributes().get(AttributeKey.stringKey("db.system"))))
                .allSatisfy(statement -> assertThat(statement.getTraceId()).isEqualTo(traceId));
        });
    }

    @Test
    void problemDetailNamesTheRequestsTrace() {
        String alice = api.newUser("alice");
        String traceId = TestTraces.newTraceId();

        HttpResponse<String> invalid = api.request("/api/v1/messages", alice)
            .header("traceparent", TestTraces.traceparent(traceId, TestTraces.newSpanId(), true))
            .post("{\"to\":");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("traceId").asString()).isEqualTo(traceId);
    }

    @Test
    void unauthenticatedProblemNamesTheRequestsTraceToo() {
        String traceId = TestTraces.newTraceId();

        HttpResponse<String> response = api.request("/api/v1/users/me")
            .header("traceparent", TestTraces.traceparent(traceId, TestTraces.newSpanId(), false))
            .get();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("traceId").asString()).isEqualTo(traceId);
    }

    @Test
    void problemWithoutACallersTraceNamesANewOne() {
        HttpResponse<String> first = api.request("/api/v1/messages")
            .bearer(TestTokens.forUser(Api.strangerId("x")))
            .post("{}");
        HttpResponse<String> second = api.request("/api/v1/messages")
            .bearer(TestTokens.forUser(Api.strangerId("x")))
            .post("{}");

        JsonNode one = json(first);
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(one.path("traceId").asString()).matches("[0-9a-f]{32}");
        assertThat(json(second).path("traceId").asString()).matches("[0-9a-f]{32}")
            .isNotEqualTo(one.path("traceId").asString());
    }

}
