package com.acme.chat.common.routing;

import java.util.HashMap;
import java.util.List;
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
 * Redis pub/sub is at-most-once: a lost {@link Deliver} or {@link DeliverMany} is not a
 * lost message, because the message stays in relay's per-device queue until the device
 * acknowledges it and is handed over again on the next connect.
 * <p>
 * <b>One publish per handler.</b> A message for several devices connected to the same
 * handler (a group's members, a user's devices) is one {@link DeliverMany}: the frame
 * once and its targets, each handled exactly like a {@link Deliver} of its own.
 * <p>
 * <b>Evolution.</b> Fields are only ever added and readers ignore the ones they do not
 * know, so handlers and relays of different versions can share a channel during a
 * rollout. A new kind is not an added field: handlers must understand
 * {@code deliver_many} before relays send it (deploy websocket-manager first); an older
 * handler drops it as unreadable and the devices get the message at their next connect.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonSubTypes({ @JsonSubTypes.Type(value = HandlerMessage.Deliver.class, name = "deliver"),
        @JsonSubTypes.Type(value = HandlerMessage.DeliverMany.class, name = "deliver_many"),
        @JsonSubTypes.Type(value = HandlerMessage.Evict.class, name = "evict") })
public sealed interface HandlerMessage {

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
            trace = traceOf(trace);
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

    }

    /**
     * Push one frame to several devices' connections on this handler: for each target
     * exactly what a {@link Deliver} with that user, device and connection does (dropped
     * silently for a device not, or no longer, connected here; held back while the
     * connection replays its queue). Relay sends one per handler and message instead of
     * one {@link Deliver} per device, so a group message costs one publish per handler
     * that holds members.
     *
     * @param targets the devices, each with the connection its route named; at least one
     * @param frame the frame to send to each of them
     * @param trace the W3C trace context of the push, as for {@link Deliver#trace()}
     */
    record DeliverMany(List<Target> targets, ServerFrame frame,
            @Nullable Map<String, String> trace) implements HandlerMessage {

        public DeliverMany {
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(frame, "frame");
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("A deliver_many needs at least one target");
            }
            trace = traceOf(trace);
        }

        /**
         * A push to several devices without trace context.
         * @param targets the devices
         * @param frame the frame to send to each of them
         */
        public DeliverMany(List<Target> targets, ServerFrame frame) {
            this(targets, frame, null);
        }

        /**
         * @return one {@link Deliver} per target, in order, as the handler applies them
         */
        public List<Deliver> delivers() {
            return targets.stream()
                .map(target -> new Deliver(target.user(), target.device(), target.connectionId(), frame, trace))
                .toList();
        }
    }

    /**
     * One device a {@link DeliverMany} is for.
     *
     * @param user recipient user
     * @param device recipient device
     * @param connectionId the connection the route named, or null for whatever connection
     * the device has here
     */
    record Target(UserId user, DeviceId device, @Nullable String connectionId) {

        public Target {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(device, "device");
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

    /** An unusable trace context (empty, null entries) is no trace context. */
    private static @Nullable Map<String, String> traceOf(@Nullable Map<String, String> trace) {
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
