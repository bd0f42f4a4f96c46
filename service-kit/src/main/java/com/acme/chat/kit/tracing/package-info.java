/**
 * Tracing across hops: the defaults every service gets (Kafka observations, sampling, W3C
 * propagation), trace ids for error answers, W3C trace context in Redis envelopes,
 * Cassandra statement spans, and the span log of the {@code local} profile.
 */
@NullMarked
package com.acme.chat.kit.tracing;

import org.jspecify.annotations.NullMarked;
