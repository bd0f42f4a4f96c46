package com.acme.chat.kit.tracing;

import java.time.Duration;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import com.acme.chat.testsupport.RecordedSpans;

import static org.assertj.core.api.Assertions.assertThat;

class SpanLogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void onlyWhenAskedFor() {
        KitTracing.context().run(context -> assertThat(context).doesNotHaveBean(SpanReporter.class));
        KitTracing.context()
            .withPropertyValues("chat.tracing.log-spans=true")
            .run(context -> assertThat(context).getBean(SpanReporter.class).isInstanceOf(SpanLog.class));
    }

    @Test
    void oneLineWithTraceParentServiceTimingAndListedTagsOnly() {
        KitTracing.context().run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            Observation parent = Observation.start("test.parent", registry);
            Observation child;
            try (Observation.Scope scope = parent.openScope()) {
                child = Observation.createNotStarted("chat.wsmanager.frame", registry)
                    .contextualName("frame send_message")
                    .lowCardinalityKeyValue(KeyValue.of("type", "send_message"))
                    .lowCardinalityKeyValue(KeyValue.of("outcome", "ok"))
                    .highCardinalityKeyValue(KeyValue.of("user", "alice"))
                    .start();
                child.stop();
            }
            parent.stop();
            RecordedSpans spans = context.getBean(RecordedSpans.class);
            SpanData root = spans.awaitSpan(span -> span.getName().equals("test.parent"), WAIT);
            SpanData frame = spans.awaitSpan(span -> span.getName().equals("frame send_message"), WAIT);

            String line = SpanLog.line(OtelFinishedSpan.fromOtel(frame));
            String rootLine = SpanLog.line(OtelFinishedSpan.fromOtel(root));

            assertThat(line).matches("span trace=" + frame.getTraceId() + " id=" + frame.getSpanId() + " parent="
                    + root.getSpanId() + " service=kit-test kind=INTERNAL start=\\S+Z duration_us=\\d+ "
                    + "name=\"frame send_message\" type=send_message outcome=ok");
            assertThat(line).doesNotContain("alice");
            assertThat(rootLine).contains(" parent=- ");
        });
    }

}
