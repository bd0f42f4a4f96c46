package com.acme.chat.kit.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import com.acme.chat.kit.namespace.NamespaceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet service with Redis gets the limiter, the per-user {@code rest} interceptor
 * and the per-address {@code rest-ip} filter on {@code /api/*}.
 */
class RateLimitAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NamespaceAutoConfiguration.class, RateLimitAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    @Test
    void aServletServiceWithRedisLimitsRestCallsPerUserAndPerAddress() {
        runner.withBean(LettuceConnectionFactory.class, LettuceConnectionFactory::new).run(context -> {
            assertThat(context).hasSingleBean(RateLimiter.class).hasBean("chatRestRateLimit");
            FilterRegistrationBean<?> registration = context.getBean("chatRestAddressRateLimit",
                    FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(RestAddressRateLimit.class);
            assertThat(registration.getUrlPatterns()).containsExactly("/api/*");
        });
    }

    @Test
    void withoutRedisThereIsNoLimiter() {
        runner.run(context -> assertThat(context).doesNotHaveBean(RateLimiter.class)
            .doesNotHaveBean("chatRestAddressRateLimit"));
    }

}
