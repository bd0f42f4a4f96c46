package com.acme.chat.relay.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.kit.cache.ChatCacheSpec;
import com.acme.chat.relay.config.RelayCaches;

import static org.assertj.core.api.Assertions.assertThat;

class RouteCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private static Route route(String user) {
        return new Route(UserId.of(user), DeviceId.of("phone"), "h", "c");
    }

    private Cache<UserId, List<Route>> entries(Duration ttl, int maxUsers) {
        return ChatCacheSpec.bounded(RelayCaches.ROUTES, maxUsers)
            .expiringAfterWrite(ttl)
            .newBuilder()
            .ticker(now::get)
            .executor(Runnable::run)
            .build();
    }

    @Test
    void servesAnEntryUntilItsTtlHasPassed() {
        Cache<UserId, List<Route>> entries = entries(Duration.ofNanos(100), 10);
        RouteCache cache = new RouteCache(entries);
        cache.put(UserId.of("bob"), List.of(route("bob")));

        now.addAndGet(99);
        assertThat(cache.get(UserId.of("bob"))).containsExactly(route("bob"));
        now.addAndGet(1);
        assertThat(cache.get(UserId.of("bob"))).isNull();
        entries.cleanUp();
        assertThat(entries.estimatedSize()).isZero();
    }

    @Test
    void forgetsAnEvictedUser() {
        RouteCache cache = new RouteCache(entries(Duration.ofSeconds(2), 10));
        cache.put(UserId.of("bob"), List.of(route("bob")));

        cache.evict(UserId.of("bob"));

        assertThat(cache.get(UserId.of("bob"))).isNull();
    }

    @Test
    void aFullCacheEvictsOneUserNotAll() {
        Cache<UserId, List<Route>> entries = entries(Duration.ofSeconds(2), 2);
        RouteCache cache = new RouteCache(entries);
        cache.put(UserId.of("a"), List.of(route("a")));
        cache.put(UserId.of("b"), List.of(route("b")));

        cache.put(UserId.of("c"), List.of(route("c")));
        entries.cleanUp();

        assertThat(entries.estimatedSize()).isEqualTo(2);
        assertThat(entries.stats().evictionCount()).isEqualTo(1);
    }

    @Test
    void cachesNothingWithAZeroTtl() {
        RouteCache cache = new RouteCache(entries(Duration.ZERO, 10));
        cache.put(UserId.of("bob"), List.of(route("bob")));

        assertThat(cache.get(UserId.of("bob"))).isNull();
    }

    @Test
    void keepsItsOwnCopyOfTheRoutes() {
        RouteCache cache = new RouteCache(entries(Duration.ofSeconds(2), 10));
        List<Route> routes = new ArrayList<>(List.of(route("bob")));
        cache.put(UserId.of("bob"), routes);

        routes.clear();

        assertThat(cache.get(UserId.of("bob"))).containsExactly(route("bob"));
    }

}
