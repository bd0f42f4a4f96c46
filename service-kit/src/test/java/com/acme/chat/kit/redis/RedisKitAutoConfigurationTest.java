package com.acme.chat.kit.redis;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.kit.namespace.NamespaceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class RedisKitAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NamespaceAutoConfiguration.class, RedisKitAutoConfiguration.class));

    @Test
    void routeKeysCarryTheNamespace() {
        runner.withPropertyValues("chat.namespace=it3kf9a2")
            .run(context -> assertThat(context.getBean(RouteKeys.class).prefix()).isEqualTo("it3kf9a2:"));
        runner.run(context -> assertThat(context.getBean(RouteKeys.class)).isSameAs(RouteKeys.DEFAULT));
    }

    @Test
    void aBareLettuceClientWithoutBootsRedisModuleIsNotARedisService() {
        runner.withClassLoader(new FilteredClassLoader(LettuceClientOptionsBuilderCustomizer.class))
            .run(context -> assertThat(context).doesNotHaveBean(RouteKeys.class));
    }

}
