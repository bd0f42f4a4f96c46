package com.acme.chat.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.awaitility.Awaitility.await;

/**
 * Every span the service under test finishes, as the OpenTelemetry SDK hands it to its
 * span processors (Boot adds every {@code SpanProcessor} bean next to its export
 * processor): synchronously, sampled spans only. Import {@link Config} into an
 * integration test, and set {@code management.tracing.sampling.probability=1.0} so every
 * trace is recorded.
 */
public final class RecordedSpans implements SpanProcessor {

    private final Queue<SpanData> spans = new ConcurrentLinkedQueue<>();

    /** Registers a {@link RecordedSpans} bean. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        RecordedSpans recordedSpans() {
            return new RecordedSpans();
        }

    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * @return the finished spans of one trace, in the order they ended
     */
    public List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /**
     * Waits until a matching span has finished.
     * @param what which span
     * @param atMost how long to wait
     * @return the first matching span
     */
    public SpanData awaitSpan(Predicate<SpanData> what, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> spans.stream().anyMatch(what));
        return spans.stream().filter(what).findFirst().orElseThrow();
    }

}
