package com.acme.chat.relay.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plays a websocket-manager instance: subscribes to its own {@code handler:{id}} channel
 * and records what arrives, and writes routes for its connections exactly as a handler
 * does.
 */
public final class FakeHandler implements AutoCloseable {

    private final String handlerId = Events.freshHandler();

    private final RedisClient client;

    private final StatefulRedisPubSubConnection<String, String> connection;

    private final List<HandlerMessage> received = new CopyOnWriteArrayList<>();

    private final StringRedisTemplate redis;

    private final RouteKeys keys;

    public FakeHandler(String host, int port, StringRedisTemplate redis, RouteKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.client = RedisClient.create(RedisURI.create(host, port));
        this.connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received.add(json.readValue(message, HandlerMessage.class));
            }
        });
        // Returns once Redis confirmed the subscription.
        connection.sync().subscribe(keys.handlerChannel(handlerId));
    }

    public String id() {
        return handlerId;
    }

    /**
     * Writes the route of a connection of a device on this handler, as websocket-manager
     * does on connect.
     */
    public void route(UserId user, DeviceId device, String connectionId) {
        redis.opsForValue()
            .set(keys.route(user, device), RouteKeys.routeValue(handlerId, connectionId), Duration.ofMinutes(5));
        redis.opsForSet().add(keys.devices(user), device.value());
        redis.expire(keys.devices(user), Duration.ofMinutes(5));
    }

    /**
     * Waits until at least {@code count} {@code Deliver}s arrived and returns all that
     * did.
     */
    public List<HandlerMessage.Deliver> awaitDelivers(int count, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> assertThat(delivers()).hasSizeGreaterThanOrEqualTo(count));
        return delivers();
    }

    /**
     * The pushes that arrived, without their trace context (which differs per push; the
     * tracing test reads it with {@link #tracedDelivers()}), so tests can compare them
     * with what they expect.
     */
    public List<HandlerMessage.Deliver> delivers() {
        return tracedDelivers().stream()
            .map(deliver -> new HandlerMessage.Deliver(deliver.user(), deliver.device(), deliver.connectionId(),
                    deliver.frame()))
            .toList();
    }

    /**
     * The pushes as they arrived, trace context included; a {@code deliver_many} counts
     * as one {@code Deliver} per target, which is what a handler makes of it.
     */
    public List<HandlerMessage.Deliver> tracedDelivers() {
        List<HandlerMessage.Deliver> delivers = new ArrayList<>();
        for (HandlerMessage message : received) {
            if (message instanceof HandlerMessage.Deliver deliver) {
                delivers.add(deliver);
            }
            else if (message instanceof HandlerMessage.DeliverMany many) {
                delivers.addAll(many.delivers());
            }
        }
        return delivers;
    }

    /**
     * @return how many pushes ({@code deliver} or {@code deliver_many}) were published on
     * this handler's channel
     */
    public int pushPublishes() {
        return (int) received.stream()
            .filter(message -> message instanceof HandlerMessage.Deliver
                    || message instanceof HandlerMessage.DeliverMany)
            .count();
    }

    /**
     * Waits until at least one {@code Evict} arrived and returns all that did.
     */
    public List<HandlerMessage.Evict> awaitEvicts(Duration atMost) {
        await().atMost(atMost).until(() -> !evicts().isEmpty());
        return evicts();
    }

    /** The evictions that arrived. */
    public List<HandlerMessage.Evict> evicts() {
        return received.stream()
            .filter(HandlerMessage.Evict.class::isInstance)
            .map(HandlerMessage.Evict.class::cast)
            .toList();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

}
