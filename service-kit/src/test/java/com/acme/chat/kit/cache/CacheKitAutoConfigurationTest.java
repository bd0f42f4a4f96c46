package com.acme.chat.kit.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheKitAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CacheKitAutoConfiguration.class, CacheAutoConfiguration.class,
                CacheMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void registersEveryDeclaredCacheWithTheCacheManagerAndItsMeters() {
        runner.withBean("routes", ChatCacheSpec.class, () -> ChatCacheSpec.bounded("routes", 2))
            .withBean("hints", ChatCacheSpec.class,
                    () -> ChatCacheSpec.bounded("hints", 10).expiringAfterWrite(Duration.ofMinutes(1)))
            .run(context -> {
                assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactlyInAnyOrder("routes",
                        "hints");
                Cache<String, String> routes = context.getBean(ChatCaches.class).get("routes");
                routes.put("a", "1");
                routes.getIfPresent("a");
                routes.getIfPresent("b");

                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(
                        meters.get("cache.gets").tag("cache", "routes").tag("result", "hit").functionCounter().count())
                    .isEqualTo(1);
                assertThat(
                        meters.get("cache.gets").tag("cache", "routes").tag("result", "miss").functionCounter().count())
                    .isEqualTo(1);
                assertThat(meters.get("cache.size").tag("cache", "hints").gauge().value()).isZero();
            });
    }

    @Test
    void refusesACacheThatWasNotDeclared() {
        runner.withBean("routes", ChatCacheSpec.class, () -> ChatCacheSpec.bounded("routes", 2))
            .run(context -> assertThatThrownBy(() -> context.getBean(ChatCaches.class).get("ruotes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ruotes"));
    }

    @Test
    void staysAwayWithoutDeclaredCaches() {
        runner
            .run(context -> assertThat(context).doesNotHaveBean(CacheManager.class).doesNotHaveBean(ChatCaches.class));
    }

}
