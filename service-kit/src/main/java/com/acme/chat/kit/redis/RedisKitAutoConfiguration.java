package com.acme.chat.kit.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.kit.namespace.NamespaceAutoConfiguration;

/**
 * Lettuce defaults that suit readiness: while Redis is away, commands fail at once
 * instead of queueing until the command timeout, and the reconnect back-off stays under
 * two seconds, so readiness goes DOWN and back UP promptly. Redis holds only rebuildable
 * state (routes, presence, tickets), so failing fast is the right trade.
 */
@AutoConfiguration(after = NamespaceAutoConfiguration.class,
        beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
// Boot's Redis module, not only Lettuce: a test classpath may carry a bare Lettuce
// client.
@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
public class RedisKitAutoConfiguration {

    /**
     * The routing table's key and channel names under the deployment's namespace (none in
     * production, so the names are those of {@link RouteKeys#DEFAULT}).
     */
    @Bean
    @ConditionalOnMissingBean
    RouteKeys routeKeys(ChatNamespace namespace) {
        return RouteKeys.withPrefix(namespace.redis(""));
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer chatRejectWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer chatFastReconnect() {
        return resources -> resources
            .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }

}
