package com.acme.chat.relay.device;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.RouteKeys;

/**
 * Tells every relay instance that a user's device list changed, so each drops its cached
 * copy: a Redis pub/sub channel {@code relay:devices} (in the deployment's namespace)
 * carrying the user id. At most once, like pub/sub itself; the cache's TTL bounds what a
 * lost message costs (see {@link DeviceRegistry}).
 */
@Component
class DeviceChanges implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(DeviceChanges.class);

    private final StringRedisTemplate redis;

    private final String channel;

    private final List<Consumer<UserId>> listeners = new CopyOnWriteArrayList<>();

    private final Counter failed;

    DeviceChanges(StringRedisTemplate redis, RouteKeys keys, RedisMessageListenerContainer container,
            MeterRegistry meters) {
        this.redis = redis;
        this.channel = keys.prefix() + "relay:devices";
        this.failed = Counter.builder("chat.relay.device-changes.failed")
            .description("Device-list changes that could not be announced to the other relay instances")
            .register(meters);
        container.addMessageListener(this, ChannelTopic.of(channel));
    }

    void onChange(Consumer<UserId> listener) {
        listeners.add(listener);
    }

    /**
     * Announces that the user's device list changed, to every instance (this one too).
     */
    void publish(UserId user) {
        try {
            redis.convertAndSend(channel, user.value());
        }
        catch (RuntimeException ex) {
            failed.increment();
            log.warn("Could not announce a new device of {} to the other relay instances: {}", user, ex.toString());
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        UserId user;
        try {
            user = UserId.of(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException ex) {
            log.debug("Ignoring an unreadable device change on {}", channel);
            return;
        }
        listeners.forEach(listener -> listener.accept(user));
    }

}
