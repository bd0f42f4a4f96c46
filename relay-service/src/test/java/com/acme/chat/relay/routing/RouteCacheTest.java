package com.acme.chat.relay.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;

import static org.assertj.core.api.Assertions.assertThat;

class RouteCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private static Route route(String user) {
        return new Route(UserId.of(user), DeviceId.of("phone"), "h", "c");
    }

    @Test
    void servesAnEntryUntilItsTtlHasPassed() {
        RouteCache cache = new RouteCache(Duration.ofNanos(100), 10, now::get);
        cache.put(UserId.of("bob"), List.of(route("bob")));

        now.addAndGet(99);
        assertThat(cache.get(UserId.of("bob"))).containsExactly(route("bob"));
        now.addAndGet(1);
        assertThat(cache.get(UserId.of("bob"))).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void forgetsAnEvictedUser() {
        RouteCache cache = new RouteCache(Duration.ofSeconds(2), 10, now::get);
        cache.put(UserId.of("bob"), List.of(route("bob")));

        cache.evict(UserId.of("bob"));

        assertThat(cache.get(UserId.of("bob"))).isNull();
    }

    @Test
    void neverHoldsMoreThanItsBoundButMakesRoomByDroppingExpiredEntries() {
        RouteCache cache = new RouteCache(Duration.ofNanos(100), 2, now::get);
        cache.put(UserId.of("a"), List.of(route("a")));
        cache.put(UserId.of("b"), List.of(route("b")));

        cache.put(UserId.of("c"), List.of(route("c")));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(UserId.of("c"))).isNull();

        now.addAndGet(100);
        cache.put(UserId.of("c"), List.of(route("c")));
        assertThat(cache.get(UserId.of("c"))).containsExactly(route("c"));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void cachesNothingWithAZeroTtl() {
        RouteCache cache = new RouteCache(Duration.ZERO, 10, now::get);
        cache.put(UserId.of("bob"), List.of(route("bob")));

        assertThat(cache.get(UserId.of("bob"))).isNull();
    }

}
