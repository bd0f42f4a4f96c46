package com.acme.chat.kit.tracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one compact line per finished span to the logger {@value #LOGGER} (the
 * {@code local} profile turns it on with {@code chat.tracing.log-spans}), for a developer
 * without a collector; {@code ./chatctl trace <traceId>} gathers the lines of every
 * service into a tree with per-hop timings. Runs on the span processor's export thread,
 * never on a request's. A line:
 *
 * <pre>
 * span trace=4bf9…36 id=00f0…b7 parent=a3ce…4d service=messaging-service kind=SERVER start=2026-11-30T10:15:30.123456Z duration_us=8123 name="http post /api/v1/messages" status=201 outcome=SUCCESS
 * </pre>
 *
 * Only the listed low-cardinality tags are written (never ids or message content).
 */
final class SpanLog implements SpanReporter {

    static final String LOGGER = "chat.trace";

    /** Tags worth a line: what happened, where, with what outcome. */
    static final List<String> TAGS = List.of("type", "frame", "method", "uri", "status", "outcome", "exception",
            "db.operation.name", "db.collection.name", "lwt", "db.operation", "messaging.destination.name",
            "messaging.source.name", "messaging.kafka.source.partition");

    private static final String NO_PARENT = "0000000000000000";

    private final Logger log;

    SpanLog() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    SpanLog(Logger log) {
        this.log = log;
    }

    @Override
    public void report(FinishedSpan span) {
        if (log.isInfoEnabled()) {
            log.info(line(span));
        }
    }

    static String line(FinishedSpan span) {
        StringBuilder line = new StringBuilder(256).append("span trace=")
            .append(span.getTraceId())
            .append(" id=")
            .append(span.getSpanId())
            .append(" parent=")
            .append(parent(span.getParentId()))
            .append(" service=")
            .append(orDash(span.getLocalServiceName()))
            .append(" kind=")
            .append((span.getKind() != null) ? span.getKind().name() : "INTERNAL")
            .append(" start=")
            .append(span.getStartTimestamp())
            .append(" duration_us=")
            .append(Duration.between(span.getStartTimestamp(), span.getEndTimestamp()).toNanos() / 1000)
            .append(" name=");
        quoted(line, span.getName());
        Map<String, String> tags = span.getTags();
        for (String key : TAGS) {
            String value = tags.get(key);
            if (value != null && !value.isEmpty() && !"none".equals(value)) {
                line.append(' ').append(key).append('=');
                value(line, value);
            }
        }
        Throwable error = span.getError();
        if (error != null) {
            line.append(" error=").append(error.getClass().getSimpleName());
        }
        return line.toString();
    }

    private static String parent(@Nullable String parentId) {
        return (parentId == null || parentId.isEmpty() || NO_PARENT.equals(parentId)) ? "-" : parentId;
    }

    private static String orDash(@Nullable String value) {
        return (value == null || value.isEmpty()) ? "-" : value;
    }

    private static void value(StringBuilder line, String value) {
        if (value.indexOf(' ') >= 0 || value.indexOf('"') >= 0) {
            quoted(line, value);
        }
        else {
            line.append(value);
        }
    }

    private static void quoted(StringBuilder line, String value) {
        line.append('"').append(value.replace("\"", "'")).append('"');
    }

}
