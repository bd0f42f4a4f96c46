package com.acme.chat.relay.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The one subscription container of relay's Redis pub/sub channels (today the device-list
 * changes); it subscribes when the context starts and re-subscribes after Redis comes
 * back.
 */
@Configuration(proxyBeanMethods = false)
class RedisListenerConfig {

    @Bean
    RedisMessageListenerContainer relayRedisListeners(RedisConnectionFactory connections) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        return container;
    }

}
