package com.acme.chat.relay.routing;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.common.routing.RouteKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RouteResolutionTest {

    private static final UserId BOB = UserId.of("bob");

    private static List<DeviceId> devices(String... ids) {
        return Arrays.stream(ids).map(DeviceId::of).toList();
    }

    @Test
    void parsesHandlerAndConnectionOfEveryLiveRoute() {
        RouteResolution resolution = RouteResolution.resolve(BOB, devices("web", "phone"),
                Arrays.asList(RouteKeys.routeValue("handler-2", "conn-9"), "handler-1|conn-1"));

        assertThat(resolution.routes()).containsExactly(new Route(BOB, DeviceId.of("phone"), "handler-1", "conn-1"),
                new Route(BOB, DeviceId.of("web"), "handler-2", "conn-9"));
        assertThat(resolution.stale()).isEmpty();
        assertThat(resolution.malformed()).isEmpty();
    }

    @Test
    void reportsDevicesWhoseRouteKeyIsGoneAsStale() {
        RouteResolution resolution = RouteResolution.resolve(BOB, devices("phone", "web", "tablet"),
                Arrays.asList(null, "handler-1|conn-1", null));

        assertThat(resolution.routes()).extracting(Route::device).containsExactly(DeviceId.of("web"));
        assertThat(resolution.stale()).containsExactly(DeviceId.of("phone"), DeviceId.of("tablet"));
    }

    @Test
    void skipsMalformedValuesWithoutPruningThem() {
        RouteResolution resolution = RouteResolution.resolve(BOB, devices("a", "b", "c"),
                Arrays.asList("no-bar", "|conn", "handler|"));

        assertThat(resolution.routes()).isEmpty();
        assertThat(resolution.stale()).isEmpty();
        assertThat(resolution.malformed()).containsExactly(DeviceId.of("a"), DeviceId.of("b"), DeviceId.of("c"));
    }

    @Test
    void keepsEverythingAfterTheFirstBarAsConnectionId() {
        RouteResolution resolution = RouteResolution.resolve(BOB, devices("phone"), List.of("h|c|x"));

        assertThat(resolution.routes()).containsExactly(new Route(BOB, DeviceId.of("phone"), "h", "c|x"));
    }

    @Test
    void rejectsValuesThatDoNotMatchTheDevices() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RouteResolution.resolve(BOB, devices("phone"), List.of()));
    }

    @Test
    void resolvesAnEmptyIndexToNothing() {
        RouteResolution resolution = RouteResolution.resolve(BOB, List.of(), List.of());

        assertThat(resolution.routes()).isEmpty();
        assertThat(resolution.stale()).isEmpty();
    }

}
