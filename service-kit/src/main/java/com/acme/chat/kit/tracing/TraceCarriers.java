package com.acme.chat.kit.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Observations of a hop whose message carries the W3C trace context as a map of header
 * names to values ({@code traceparent}, optionally {@code tracestate}), such as the
 * handler-channel envelope in Redis. The sending side's span is written into the map when
 * the observation starts; the receiving side continues the trace from it (or starts one
 * when the map is empty or missing, e.g. from an older sender).
 */
public final class TraceCarriers {

    private TraceCarriers() {
    }

    /**
     * Starts a producer observation; its {@link SenderContext#getCarrier() carrier} then
     * holds the trace context to send along (empty when tracing is off).
     * @param name the observation (metric) name
     * @param contextualName the span name
     * @param remoteService the system the message goes through, e.g. {@code redis}
     * @param registry the registry
     * @param tags low-cardinality tags
     * @return the started observation
     */
    public static Observation startSending(String name, String contextualName, String remoteService,
            ObservationRegistry registry, KeyValue... tags) {
        SenderContext<Map<String, String>> context = new SenderContext<>(TraceCarriers::put, Kind.PRODUCER);
        context.setCarrier(new HashMap<>(4));
        context.setRemoteServiceName(remoteService);
        return Observation.createNotStarted(name, () -> context, registry)
            .contextualName(contextualName)
            .lowCardinalityKeyValues(io.micrometer.common.KeyValues.of(tags))
            .start();
    }

    /**
     * @param observation an observation from {@link #startSending}
     * @return the trace context to put into the message, or null when there is none
     */
    @SuppressWarnings("unchecked")
    public static @Nullable Map<String, String> carrier(Observation observation) {
        if (observation.getContext() instanceof SenderContext<?> sender && sender.getCarrier() instanceof Map<?, ?> map
                && !map.isEmpty()) {
            return (Map<String, String>) map;
        }
        return null;
    }

    /**
     * Starts a consumer observation that continues the trace a message carries.
     * @param carrier the message's trace context, or null when it has none
     * @param name the observation (metric) name
     * @param contextualName the span name
     * @param remoteService the system the message came through, e.g. {@code redis}
     * @param registry the registry
     * @param tags low-cardinality tags
     * @return the started observation; not current on this thread
     */
    public static Observation startReceiving(@Nullable Map<String, String> carrier, String name, String contextualName,
            String remoteService, ObservationRegistry registry, KeyValue... tags) {
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(TraceCarriers::get, Kind.CONSUMER);
        context.setCarrier((carrier != null) ? carrier : Map.of());
        context.setRemoteServiceName(remoteService);
        return Observation.createNotStarted(name, () -> context, registry)
            .contextualName(contextualName)
            .lowCardinalityKeyValues(io.micrometer.common.KeyValues.of(tags))
            .start();
    }

    private static void put(@Nullable Map<String, String> carrier, String key, String value) {
        if (carrier != null) {
            carrier.put(key, value);
        }
    }

    private static @Nullable String get(Map<String, String> carrier, String key) {
        return carrier.get(key);
    }

}
