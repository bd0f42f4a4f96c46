package com.acme.chat.wsmanager.routing;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.kit.tracing.TraceCarriers;
import com.acme.chat.wsmanager.config.WsManagerProperties;

/**
 * Subscribes to {@code handler:{handlerId}} and hands each {@link HandlerMessage} to the
 * local connections: {@link HandlerMessage.Deliver} is pushed to the device's socket,
 * {@link HandlerMessage.DeliverMany} (one frame for several devices, relay's one publish
 * per handler for a group message) to each target's socket exactly as a {@code Deliver}
 * of its own, the frame serialised once; {@link HandlerMessage.Evict} closes a replaced
 * connection with 4001.
 * <p>
 * <b>Guarantees.</b> At most once, like Redis pub/sub itself: a message published while
 * this handler is not subscribed (startup, Redis restart) or for a device no longer
 * connected here is dropped. That loses no chat message, because relay keeps it in the
 * device's queue until {@code ack_delivery} and replays the queue on every connect.
 * Messages are handled one at a time in channel order on a Lettuce I/O thread; handling
 * only enqueues frames on the sockets' bounded outboxes and never blocks. The
 * subscription is re-established with back-off when it fails.
 * <p>
 * <b>Tracing.</b> A push continues the trace its envelope carries (relay's publish) with
 * the span {@value #PUSH}: it ends once the frame is queued on the socket's outbox, which
 * the connection's event loop writes next (Reactor Netty reports no completion per
 * frame). An envelope without trace context starts a trace of its own.
 */
@Component
class HandlerChannelSubscriber implements SmartLifecycle {

    static final String PUSH = "chat.wsmanager.push";

    private static final Logger log = LoggerFactory.getLogger(HandlerChannelSubscriber.class);

    private final ObservationRegistry observations;

    private final ReactiveRedisConnectionFactory connectionFactory;

    private final LocalConnections connections;

    private final JsonMapper json;

    private final String channel;

    private final Counter delivered;

    private final Counter dropped;

    private final Counter evicted;

    private final Counter unreadable;

    private volatile @Nullable ReactiveRedisMessageListenerContainer container;

    private volatile @Nullable Disposable subscription;

    HandlerChannelSubscriber(ReactiveRedisConnectionFactory connectionFactory, LocalConnections connections,
            JsonMapper json, RouteKeys keys, WsManagerProperties properties, MeterRegistry meters,
            ObservationRegistry observations) {
        this.connectionFactory = connectionFactory;
        this.observations = observations;
        this.connections = connections;
        this.json = json;
        this.channel = keys.handlerChannel(properties.handlerId());
        this.delivered = handlerMessages(meters, "deliver", "pushed");
        this.dropped = handlerMessages(meters, "deliver", "dropped");
        this.evicted = handlerMessages(meters, "evict", "applied");
        this.unreadable = handlerMessages(meters, "unreadable", "dropped");
    }

    private static Counter handlerMessages(MeterRegistry meters, String kind, String outcome) {
        return Counter.builder("chat.wsmanager.pubsub.received")
            .description("Messages received on this handler's pub/sub channel")
            .tag("kind", kind)
            .tag("outcome", outcome)
            .register(meters);
    }

    @Override
    public void start() {
        ReactiveRedisMessageListenerContainer listener = new ReactiveRedisMessageListenerContainer(connectionFactory);
        container = listener;
        subscription = Flux
            .defer(() -> listener.receiveLater(ChannelTopic.of(channel))
                .doOnNext(flux -> log.info("Subscribed to handler channel {}", channel))
                .flatMapMany(flux -> flux))
            .doOnNext(message -> handle(message.getMessage()))
            .doOnError(
                    ex -> log.warn("Handler channel {} subscription failed, resubscribing: {}", channel, ex.toString()))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
            .repeatWhen(completed -> completed.delayElements(Duration.ofSeconds(1)))
            .subscribe();
    }

    void handle(String payload) {
        HandlerMessage message;
        try {
            message = json.readValue(payload, HandlerMessage.class);
        }
        catch (JacksonException ex) {
            unreadable.increment();
            log.warn("Dropped unreadable message on {}: {}", channel, ex.getClass().getSimpleName());
            return;
        }
        if (message instanceof HandlerMessage.Deliver deliver) {
            push(deliver);
        }
        else if (message instanceof HandlerMessage.DeliverMany many) {
            push(many);
        }
        else if (message instanceof HandlerMessage.Evict evict) {
            evicted.increment();
            boolean closed = connections.evict(evict);
            log.debug("Evict of connection {} (user {} device {}): {}", evict.connectionId(), evict.user(),
                    evict.device(), closed ? "closed" : "not here");
        }
    }

    private void push(HandlerMessage.Deliver deliver) {
        traced(deliver.trace(), deliver.frame(), () -> {
            boolean pushed = connections.deliver(deliver);
            if (pushed) {
                delivered.increment();
                return "pushed";
            }
            dropped.increment();
            log.debug("Dropped push for user {} device {}: not connected here", deliver.user(), deliver.device());
            return "not_connected";
        });
    }

    private void push(HandlerMessage.DeliverMany deliver) {
        traced(deliver.trace(), deliver.frame(), () -> {
            int targets = deliver.targets().size();
            int pushed = connections.deliverMany(deliver);
            delivered.increment(pushed);
            dropped.increment(targets - pushed);
            if (pushed < targets) {
                log.debug("Dropped {} of {} pushes of one frame: not connected here", targets - pushed, targets);
            }
            return (pushed == targets) ? "pushed" : (pushed == 0) ? "not_connected" : "partly_connected";
        });
    }

    /**
     * Runs a push in the span {@value #PUSH}, continuing the trace the envelope carries.
     * @param push queues the frame and returns the outcome tag
     */
    private void traced(@Nullable Map<String, String> trace, ServerFrame pushed, Supplier<String> push) {
        String frame = pushed.getClass().getSimpleName();
        Observation observation = TraceCarriers.startReceiving(trace, PUSH, "push " + frame, "redis", observations,
                KeyValue.of("frame", frame));
        try {
            observation.lowCardinalityKeyValue("outcome", push.get());
        }
        catch (RuntimeException ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    @Override
    public void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
        ReactiveRedisMessageListenerContainer listener = container;
        if (listener != null) {
            listener.destroyLater().onErrorResume(ex -> Mono.empty()).block(Duration.ofSeconds(2));
        }
        subscription = null;
        container = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

}
