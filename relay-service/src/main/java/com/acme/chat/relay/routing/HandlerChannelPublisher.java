package com.acme.chat.relay.routing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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
import com.acme.chat.kit.tracing.TraceCarriers;

/**
 * Publishes {@link HandlerMessage}s as JSON (with the {@code kind} discriminator) on a
 * handler's pub/sub channel {@code handler:{handlerId}}. At most once: a handler that is
 * not subscribed at that moment never sees the message, which is why every pushed message
 * is queued first.
 * <p>
 * Each publish is the span {@value #NAME} (child of the Kafka record being handled), and
 * the envelope carries its W3C trace context, so the handler continues the message's
 * trace up to the recipient's socket.
 */
@Component
public class HandlerChannelPublisher {

    static final String NAME = "chat.relay.push";

    private final StringRedisTemplate redis;

    private final RouteKeys keys;

    private final ObjectWriter writer;

    private final ObservationRegistry observations;

    HandlerChannelPublisher(StringRedisTemplate redis, RouteKeys keys, JsonMapper json,
            ObservationRegistry observations) {
        this.redis = redis;
        this.keys = keys;
        this.writer = json.writerFor(HandlerMessage.class);
        this.observations = observations;
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
     * Closes the connection a route points at because its user removed the device (close
     * code 4005).
     * @param route the route
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    public void evictRemoved(Route route) {
        String payload = writer.writeValueAsString(new HandlerMessage.Evict(route.user(), route.device(),
                route.connectionId(), HandlerMessage.Evict.REMOVED));
        redis.convertAndSend(keys.handlerChannel(route.handlerId()), payload);
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
        Observation observation = TraceCarriers.startSending(NAME, "publish " + frame.getClass().getSimpleName(),
                "redis", observations, KeyValue.of("frame", frame.getClass().getSimpleName()));
        try (Observation.Scope scope = observation.openScope()) {
            String payload = writer.writeValueAsString(
                    new HandlerMessage.Deliver(user, device, connectionId, frame, TraceCarriers.carrier(observation)));
            Long receivers = redis.convertAndSend(keys.handlerChannel(handlerId), payload);
            boolean received = receivers != null && receivers > 0;
            observation.lowCardinalityKeyValue("outcome", received ? "received" : "no_subscriber");
            return received;
        }
        catch (RuntimeException ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

}
