package com.acme.chat.relay.routing;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.relay.config.RelayCaches;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class RouteDirectoryIT extends RelayIntegrationTest {

    @Autowired
    RouteDirectory directory;

    @Autowired
    MeterRegistry meters;

    @Test
    void readsLiveRoutesAndPrunesIndexEntriesWhoseRouteIsGone() {
        UserId bob = freshUser("bob");
        handler.route(bob, DeviceId.of("phone"), "conn-1");
        redis.opsForSet().add(keys.devices(bob), "gone-device");

        assertThat(directory.routes(bob)).containsExactly(new Route(bob, DeviceId.of("phone"), handler.id(), "conn-1"));
        assertThat(redis.opsForSet().members(keys.devices(bob))).containsExactly("phone");
    }

    @Test
    void knowsNoRoutesOfAUserWithoutConnectedDevices() {
        // Positive control: a connected user's route is found by the same lookup.
        UserId bob = freshUser("bob");
        handler.route(bob, DeviceId.of("phone"), "conn-1");
        assertThat(directory.routes(bob)).extracting(Route::device).containsExactly(DeviceId.of("phone"));

        assertThat(directory.routes(freshUser("nobody"))).isEmpty();
    }

    @Test
    void seesADeviceThatConnectsRightAfterAnEmptyLookup() {
        UserId bob = freshUser("bob");
        assertThat(directory.routes(bob)).isEmpty();

        handler.route(bob, DeviceId.of("phone"), "conn-1");

        assertThat(directory.routes(bob)).extracting(Route::device).containsExactly(DeviceId.of("phone"));
    }

    @Test
    void servesARepeatedLookupFromTheMeteredCache() {
        UserId bob = freshUser("bob");
        handler.route(bob, DeviceId.of("phone"), "conn-1");
        double hits = cacheGets("hit");
        double misses = cacheGets("miss");

        directory.routes(bob);
        directory.routes(bob);

        // Other tests of the shared context may look up routes meanwhile: at least ours.
        assertThat(cacheGets("miss")).isGreaterThanOrEqualTo(misses + 1);
        assertThat(cacheGets("hit")).isGreaterThanOrEqualTo(hits + 1);
    }

    private double cacheGets(String result) {
        return meters.get("cache.gets")
            .tag("cache", RelayCaches.ROUTES)
            .tag("result", result)
            .functionCounter()
            .count();
    }

}
