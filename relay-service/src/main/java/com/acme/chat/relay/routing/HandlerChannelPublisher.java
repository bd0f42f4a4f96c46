package com.acme.chat.relay.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Metrics: {@code chat.relay.handler.publishes} counts publishes of frames (a
 * {@code deliver_many} once), {@code chat.relay.handler.publish.targets} the devices each
 * was for; with {@code chat.relay.messages.pushed} they show how many publishes a message
 * costs.
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

    private final Counter publishes;

    private final DistributionSummary targetsPerPublish;

    HandlerChannelPublisher(StringRedisTemplate redis, RouteKeys keys, JsonMapper json,
            ObservationRegistry observations, MeterRegistry meters) {
        this.publishes = Counter.builder("chat.relay.handler.publishes")
            .description("Frames published on handler channels (a deliver_many counts once)")
            .register(meters);
        this.targetsPerPublish = DistributionSummary.builder("chat.relay.handler.publish.targets")
            .description("Devices one publish on a handler channel is for")
            .register(meters);
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
        return publish(handlerId, frame, 1,
                trace -> new HandlerMessage.Deliver(user, device, connectionId, frame, trace));
    }

    /**
     * Pushes one frame to several devices' connections on the same handler, in one
     * publish ({@link HandlerMessage.DeliverMany}).
     * @param handlerId the handler holding the connections
     * @param routes the routes of the devices, all on that handler
     * @param frame the frame
     * @return whether any handler was subscribed to the channel
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    public boolean deliverMany(String handlerId, List<Route> routes, ServerFrame frame) {
        List<HandlerMessage.Target> targets = routes.stream()
            .map(route -> new HandlerMessage.Target(route.user(), route.device(), route.connectionId()))
            .toList();
        return publish(handlerId, frame, targets.size(),
                trace -> new HandlerMessage.DeliverMany(targets, frame, trace));
    }

    private boolean publish(String handlerId, ServerFrame frame, int targets,
            Function<Map<String, String>, HandlerMessage> message) {
        Observation observation = TraceCarriers.startSending(NAME, "publish " + frame.getClass().getSimpleName(),
                "redis", observations, KeyValue.of("frame", frame.getClass().getSimpleName()));
        try (Observation.Scope scope = observation.openScope()) {
            String payload = writer.writeValueAsString(message.apply(TraceCarriers.carrier(observation)));
            Long receivers = redis.convertAndSend(keys.handlerChannel(handlerId), payload);
            publishes.increment();
            targetsPerPublish.record(targets);
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
