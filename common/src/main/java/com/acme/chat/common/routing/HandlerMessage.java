package com.acme.chat.common.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ServerFrame;

/**
 * What a handler receives on its pub/sub channel ({@link RouteKeys#handlerChannel}).
 * Redis pub/sub is at-most-once: a lost {@link Deliver} is not a lost message, because
 * the message stays in relay's per-device queue until the device acknowledges it and is
 * handed over again on the next connect.
 * <p>
 * <b>Evolution.</b> Fields are only ever added and readers ignore the ones they do not
 * know, so handlers and relays of different versions can share a channel during a
 * rollout.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonSubTypes({ @JsonSubTypes.Type(value = HandlerMessage.Deliver.class, name = "deliver"),
        @JsonSubTypes.Type(value = HandlerMessage.Evict.class, name = "evict") })
public sealed interface HandlerMessage {

    UserId user();

    DeviceId device();

    /**
     * Push a frame to the device's connection on this handler; dropped silently when the
     * device is not (or no longer) connected here.
     *
     * @param user recipient user
     * @param device recipient device
     * @param connectionId the connection the route named, or null for whatever connection
     * the device has here
     * @param frame the frame to send
     * @param trace the W3C trace context of the push, as header name to value
     * ({@code traceparent}, optionally {@code tracestate}), so the handler continues the
     * message's trace; absent from senders without tracing (the handler then starts a
     * trace of its own)
     */
    record Deliver(UserId user, DeviceId device, @Nullable String connectionId, ServerFrame frame,
            @Nullable Map<String, String> trace) implements HandlerMessage {

        public Deliver {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(frame, "frame");
            trace = copyOf(trace);
        }

        /**
         * A push without trace context.
         * @param user recipient user
         * @param device recipient device
         * @param connectionId the connection the route named, or null
         * @param frame the frame to send
         */
        public Deliver(UserId user, DeviceId device, @Nullable String connectionId, ServerFrame frame) {
            this(user, device, connectionId, frame, null);
        }

        /** An unusable trace context (empty, null entries) is no trace context. */
        private static @Nullable Map<String, String> copyOf(@Nullable Map<String, String> trace) {
            if (trace == null || trace.isEmpty()) {
                return null;
            }
            Map<String, String> copy = new HashMap<>(trace.size());
            trace.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
            return copy.isEmpty() ? null : Map.copyOf(copy);
        }
    }

    /**
     * Close a connection: because the same device connected again elsewhere (close code
     * 4001), or because its user removed the device (4005).
     *
     * @param user the user
     * @param device the device
     * @param connectionId the connection to close; a newer connection of the same device
     * is left alone
     * @param reason {@link #REPLACED} or {@link #REMOVED}; absent (older senders) means
     * replaced
     */
    record Evict(UserId user, DeviceId device, String connectionId, @Nullable String reason) implements HandlerMessage {

        /** The device connected again, elsewhere. */
        public static final String REPLACED = "replaced";

        /** The user removed the device. */
        public static final String REMOVED = "removed";

        public Evict {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(connectionId, "connectionId");
        }

        /**
         * An eviction because the device connected again elsewhere.
         */
        public Evict(UserId user, DeviceId device, String connectionId) {
            this(user, device, connectionId, null);
        }

        /**
         * @return whether the user removed the device (rather than it connecting again)
         */
        public boolean removed() {
            return REMOVED.equals(reason);
        }
    }

}
