package com.acme.chat.kit.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id an error answer names ({@code traceId} of a ProblemDetail or an
 * {@code error} frame), so a client report leads to the trace and to the log lines of
 * every hop (they carry it in the MDC). It exists whether or not the trace is sampled.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /**
     * @return the trace of the span current on this thread (a servlet request, a Kafka
     * listener), or null outside any trace
     */
    public static @Nullable String current() {
        SpanContext context = io.opentelemetry.api.trace.Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /**
     * @param context an observation's context
     * @return the trace of the observation's span, or null when it has none (no tracer,
     * or not started)
     */
    public static @Nullable String of(Observation.ContextView context) {
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        Span span = (tracing != null) ? tracing.getSpan() : null;
        if (span == null || span.isNoop()) {
            return null;
        }
        String traceId = span.context().traceId();
        return traceId.isEmpty() ? null : traceId;
    }

    /**
     * WebFlux keeps no span on the thread; the request's own observation knows its trace.
     * @param exchange the request
     * @return the trace of the request's server observation, or null without one
     */
    public static @Nullable String of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
            .map(TraceIds::of)
            .orElseGet(TraceIds::current);
    }

}
