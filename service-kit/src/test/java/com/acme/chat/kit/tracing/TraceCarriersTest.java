package com.acme.chat.kit.tracing;

import java.time.Duration;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import com.acme.chat.testsupport.RecordedSpans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The W3C trace context through a message that carries it as a map (the Redis envelope),
 * with the real OpenTelemetry bridge.
 */
class TraceCarriersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void receiverContinuesTheSendersTrace() {
        KitTracing.context().run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            RecordedSpans spans = context.getBean(RecordedSpans.class);

            Observation sending = TraceCarriers.startSending("test.send", "publish", "redis", registry,
                    KeyValue.of("frame", "MessageFrame"));
            Map<String, String> carrier = TraceCarriers.carrier(sending);
            String traceId = TraceIds.of(sending.getContext());
            sending.stop();
            Observation receiving = TraceCarriers.startReceiving(Map.copyOf(carrier), "test.receive", "push", "redis",
                    registry);
            receiving.stop();

            SpanData sent = spans.awaitSpan(span -> span.getName().equals("publish"), WAIT);
            SpanData received = spans.awaitSpan(span -> span.getName().equals("push"), WAIT);
            assertThat(carrier).containsOnlyKeys("traceparent");
            assertThat(carrier.get("traceparent"))
                .isEqualTo("00-" + sent.getTraceId() + "-" + sent.getSpanId() + "-01");
            assertThat(traceId).isEqualTo(sent.getTraceId());
            assertThat(sent.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(sent.getAttributes().asMap().toString()).contains("frame=MessageFrame");
            assertThat(received.getTraceId()).isEqualTo(sent.getTraceId());
            assertThat(received.getParentSpanId()).isEqualTo(sent.getSpanId());
            assertThat(received.getKind()).isEqualTo(SpanKind.CONSUMER);
        });
    }

    @Test
    void receiverWithoutTraceContextStartsATraceOfItsOwn() {
        KitTracing.context().run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            RecordedSpans spans = context.getBean(RecordedSpans.class);

            Observation first = TraceCarriers.startReceiving(null, "test.receive", "old-envelope", "redis", registry);
            first.stop();
            Observation second = TraceCarriers.startReceiving(Map.of(), "test.receive", "empty-envelope", "redis",
                    registry);
            second.stop();

            SpanData old = spans.awaitSpan(span -> span.getName().equals("old-envelope"), WAIT);
            SpanData empty = spans.awaitSpan(span -> span.getName().equals("empty-envelope"), WAIT);
            assertThat(old.getParentSpanContext().isValid()).isFalse();
            assertThat(empty.getParentSpanContext().isValid()).isFalse();
            assertThat(old.getTraceId()).isNotEqualTo(empty.getTraceId());
        });
    }

    @Test
    void withoutATracerNothingIsCarried() {
        Observation sending = TraceCarriers.startSending("test.send", "publish", "redis", ObservationRegistry.create());

        assertThat(TraceCarriers.carrier(sending)).isNull();
        assertThat(TraceIds.of(sending.getContext())).isNull();
        sending.stop();
    }

}
