package com.acme.chat.relay.config;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.chat.kit.cache.ChatCacheSpec;

/**
 * The in-process caches of relay-service, bounded by its properties. Read through
 * {@code ChatCaches} by name; Boot meters them as {@code cache.*} with tag {@code cache}.
 */
@Configuration(proxyBeanMethods = false)
public class RelayCaches {

    /**
     * User id to the routes of their connected devices, for best-effort pushes
     * (receipts), for {@code chat.relay.route-cache-ttl}, at most
     * {@code chat.relay.route-cache-max-users} users.
     */
    public static final String ROUTES = "routes";

    /**
     * User id to the user's registered devices, for {@code chat.relay.device-cache-ttl},
     * at most {@code chat.relay.device-cache-max-users} users; dropped on every instance
     * when a device registers.
     */
    public static final String DEVICES = "devices";

    /**
     * (user, device) of queues found full by a count of their rows, for 30 seconds, so a
     * full queue that overflows in many conversations is counted once, not once per
     * conversation; at most 10,000 devices.
     */
    public static final String FULL_QUEUES = "full-queues";

    @Bean
    ChatCacheSpec fullQueuesCache() {
        return ChatCacheSpec.bounded(FULL_QUEUES, 10_000).expiringAfterWrite(Duration.ofSeconds(30));
    }

    @Bean
    ChatCacheSpec devicesCache(RelayProperties properties) {
        return ChatCacheSpec.bounded(DEVICES, properties.deviceCacheMaxUsers())
            .expiringAfterWrite(properties.deviceCacheTtl());
    }

    @Bean
    ChatCacheSpec routesCache(RelayProperties properties) {
        return ChatCacheSpec.bounded(ROUTES, properties.routeCacheMaxUsers())
            .expiringAfterWrite(properties.routeCacheTtl());
    }

}
