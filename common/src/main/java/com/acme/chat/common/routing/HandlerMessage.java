package com.acme.chat.common.routing;

import java.util.Objects;

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
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
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
     */
    record Deliver(UserId user, DeviceId device, @Nullable String connectionId,
            ServerFrame frame) implements HandlerMessage {

        public Deliver {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * Close a connection because the same device connected again elsewhere (close code
     * 4001).
     *
     * @param user the user
     * @param device the device
     * @param connectionId the connection to close; a newer connection of the same device
     * is left alone
     */
    record Evict(UserId user, DeviceId device, String connectionId) implements HandlerMessage {

        public Evict {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(connectionId, "connectionId");
        }
    }

}
