package com.acme.chat.kit.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.tracing.*}: what service-kit adds to Boot's tracing. Sampling, propagation
 * and export are Boot's {@code management.tracing.*} and
 * {@code management.opentelemetry.tracing.*} keys (defaults in {@link TracingDefaults}).
 *
 * @param logSpans log one line per finished span to the logger {@code chat.trace}
 * ({@code ./chatctl trace} reads them); on in the {@code local} profile
 */
@ConfigurationProperties("chat.tracing")
public record ChatTracingProperties(@DefaultValue("false") boolean logSpans) {
}
