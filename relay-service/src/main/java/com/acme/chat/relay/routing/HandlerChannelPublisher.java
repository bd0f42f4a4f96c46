package com.acme.chat.relay.routing;

import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.Route;
import com.acme.chat.common.routing.RouteKeys;

/**
 * Publishes {@link HandlerMessage}s as JSON (with the {@code kind} discriminator) on a
 * handler's pub/sub channel {@code handler:{handlerId}}. At most once: a handler that is
 * not subscribed at that moment never sees the message, which is why every pushed message
 * is queued first.
 */
@Component
public class HandlerChannelPublisher {

    private final StringRedisTemplate redis;

    private final RouteKeys keys;

    private final ObjectWriter writer;

    HandlerChannelPublisher(StringRedisTemplate redis, RouteKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.writer = json.writerFor(HandlerMessage.class);
    }

    /**
     * Pushes a frame to the device a route points at.
     * @param route the route
     * @param frame the frame
     * @return whether any handler was subscribed to the channel
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    public boolean deliver(Route route, ServerFrame frame) {
        return deliver(route.handlerId(), route.user(), route.device(), route.connectionId(), frame);
    }

    /**
     * Pushes a frame to a device's connection on a given handler.
     * @param handlerId the handler holding the connection
     * @param user the user
     * @param device the device
     * @param connectionId the connection
     * @param frame the frame
     * @return whether any handler was subscribed to the channel
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    public boolean deliver(String handlerId, UserId user, DeviceId device, String connectionId, ServerFrame frame) {
        String payload = writer.writeValueAsString(new HandlerMessage.Deliver(user, device, connectionId, frame));
        Long receivers = redis.convertAndSend(keys.handlerChannel(handlerId), payload);
        return receivers != null && receivers > 0;
    }

}
