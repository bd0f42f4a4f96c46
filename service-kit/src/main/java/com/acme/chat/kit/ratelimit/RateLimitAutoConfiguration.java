package com.acme.chat.kit.ratelimit;

import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.acme.chat.common.namespace.ChatNamespace;

/**
 * Rate limits ({@code chat.rate-limits.*}) for services with Redis: the
 * {@link RateLimiter}, and on servlet services the per-address {@code rest-ip} limit on
 * every {@code /api/**} request and the per-user {@code rest} limit on every
 * authenticated one. Services call the limiter for their own rules (messaging's
 * {@code send} and {@code send-ip}, the handler's {@code connect}, {@code connect-ip},
 * {@code ticket} and {@code ticket-ip}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ Bucket4jLettuce.class, LettuceConnectionFactory.class })
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

    @Bean
    @ConditionalOnBean(LettuceConnectionFactory.class)
    @ConditionalOnMissingBean
    RateLimiter rateLimiter(RateLimitProperties properties, LettuceConnectionFactory redis, ChatNamespace namespace,
            MeterRegistry meters) {
        return new RateLimiter(properties, new RedisBuckets(redis), namespace.redis("rl:"), meters);
    }

    /**
     * Conditional on Redis, like the limiter: a member class is read before its outer
     * class's beans, so a condition on the {@link RateLimiter} would never hold here.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    @ConditionalOnBean(LettuceConnectionFactory.class)
    static class Servlet {

        @Bean
        WebMvcConfigurer chatRestRateLimit(RateLimiter limiter) {
            RestRateLimitInterceptor interceptor = new RestRateLimitInterceptor(limiter);
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(interceptor).addPathPatterns("/api/**");
                }
            };
        }

        /**
         * Inside the tracing filter (the refusal names its trace), ahead of security:
         * before any token is decoded.
         */
        @Bean
        FilterRegistrationBean<RestAddressRateLimit> chatRestAddressRateLimit(RateLimiter limiter, JsonMapper json) {
            FilterRegistrationBean<RestAddressRateLimit> registration = new FilterRegistrationBean<>(
                    new RestAddressRateLimit(limiter, json));
            registration.addUrlPatterns("/api/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
            return registration;
        }

    }

}
