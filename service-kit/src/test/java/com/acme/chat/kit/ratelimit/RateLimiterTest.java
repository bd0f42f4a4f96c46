package com.acme.chat.kit.ratelimit;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the limiter does without Redis, the per-address rules it keeps in the instance,
 * and what its rules accept.
 */
class RateLimiterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void withRedisAwayARequestGoesThroughAndIsCounted() {
        RateLimiter limiter = withRedisAway();

        assertThat(limiter.acquire(RateLimitProperties.SEND, "alice").join()).isZero();
        assertThatNoException().isThrownBy(() -> limiter.check(RateLimitProperties.SEND, "alice"));
        assertThat(this.meters.counter("chat.rate_limits.unavailable").count()).isEqualTo(2);
    }

    @Test
    void withRedisAwayAStrictCheckRefusesAsUnavailable() {
        RateLimiter limiter = withRedisAway();

        assertThatThrownBy(() -> limiter.checkStrictly(RateLimitProperties.DISCOVER, "alice", 10))
            .isInstanceOfSatisfying(ChatException.class, ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                assertThat(ex.retryAfter()).isEqualTo(RateLimiter.UNCHECKED_RETRY_AFTER);
            });
        assertThat(this.meters.counter("chat.rate_limits.unavailable").count()).isEqualTo(1);
    }

    @Test
    void switchedOffAStrictCheckPassesToo() {
        RateLimiter limiter = new RateLimiter(properties(false), () -> {
            throw new AssertionError("asked Redis");
        }, "rl:", this.meters);

        assertThatNoException().isThrownBy(() -> limiter.checkStrictly(RateLimitProperties.DISCOVER, "alice", 10));
    }

    @Test
    void switchedOffItNeverAsksRedis() {
        RateLimiter limiter = new RateLimiter(properties(false), () -> {
            throw new AssertionError("asked Redis");
        }, "rl:", this.meters);

        assertThat(limiter.acquire(RateLimitProperties.CONNECT, "alice").join()).isZero();
    }

    @Test
    void perAddressRulesAreCheckedInTheInstanceWithoutRedis() {
        RateLimiter limiter = withoutRedis(RateLimitProperties.SEND_IP, 3, 1, this.meters);

        for (int i = 0; i < 3; i++) {
            limiter.check(RateLimitProperties.SEND_IP, "203.0.113.7");
        }
        assertThatThrownBy(() -> limiter.check(RateLimitProperties.SEND_IP, "203.0.113.7"))
            .isInstanceOfSatisfying(ChatException.class, ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(ex.getMessage()).contains("(send-ip)");
                assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofMinutes(1));
            });
        assertThat(limiter.acquire(RateLimitProperties.SEND_IP, "203.0.113.8").join()).isZero();
        assertThat(this.meters.counter("chat.rate_limits.refused", "rule", "send-ip").count()).isEqualTo(1);
        assertThat(this.meters.counter("chat.rate_limits.unavailable").count()).isZero();
    }

    @Test
    void theScaleMultipliesPerAddressRulesToo() {
        RateLimiter limiter = withoutRedis(RateLimitProperties.REST_IP, 2, 100, this.meters);

        for (int i = 0; i < 200; i++) {
            limiter.check(RateLimitProperties.REST_IP, "127.0.0.1");
        }
        assertThat(limiter.acquire(RateLimitProperties.REST_IP, "127.0.0.1").join()).isPositive();
    }

    @Test
    void everyPerAddressRuleHasADefault() {
        RateLimitProperties defaults = properties(true);
        assertThat(RateLimitProperties.PER_ADDRESS).containsExactlyInAnyOrder("connect-ip", "send-ip", "rest-ip",
                "ticket-ip");
        RateLimitProperties.PER_ADDRESS.forEach(rule -> assertThat(defaults.rule(rule).capacity()).isPositive());
    }

    @Test
    void aRefusalIsRateLimitedWithTheWait() {
        ChatException refusal = RateLimiter.refusal("send", Duration.ofMillis(340));
        assertThat(refusal.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMillis(340));
    }

    @Test
    void configuredRulesReplaceDefaultsByNameAndBadOnesAreRefused() {
        RateLimitProperties properties = new RateLimitProperties(true,
                Map.of("send", new RateLimitProperties.Rule(5, 1, Duration.ofSeconds(2))), Duration.ofMillis(200), 1);
        assertThat(properties.rule("send").capacity()).isEqualTo(5);
        assertThat(properties.rule("connect")).isEqualTo(RateLimitProperties.DEFAULT_RULES.get("connect"));
        assertThatIllegalArgumentException().isThrownBy(() -> properties.rule("nonsense"));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new RateLimitProperties.Rule(0, 1, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new RateLimitProperties(true, null, Duration.ofMillis(200), 0));
    }

    /**
     * A limiter whose one configured rule takes {@code capacity} at once, then one a
     * minute, and that fails the test if it asks Redis.
     */
    static RateLimiter withoutRedis(String rule, long capacity, int scale, MeterRegistry meters) {
        return new RateLimiter(new RateLimitProperties(true,
                Map.of(rule, new RateLimitProperties.Rule(capacity, 1, Duration.ofMinutes(1))), Duration.ofMillis(200),
                scale), () -> {
                    throw new AssertionError("asked Redis");
                }, "rl:", meters);
    }

    private RateLimiter withRedisAway() {
        return new RateLimiter(properties(true), () -> {
            throw new IllegalStateException("Redis is away");
        }, "rl:", this.meters);
    }

    private static RateLimitProperties properties(boolean enabled) {
        return new RateLimitProperties(enabled, null, Duration.ofMillis(200), 1);
    }

}
