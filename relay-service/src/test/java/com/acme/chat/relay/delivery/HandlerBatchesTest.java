package com.acme.chat.relay.delivery;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerBatchesTest {

    @Test
    void groupsRoutesByHandlerKeepingTheirOrder() {
        Route bobPhone = route("bob", "phone", "h1");
        Route carolPhone = route("carol", "phone", "h2");
        Route bobLaptop = route("bob", "laptop", "h2");
        Route davePhone = route("dave", "phone", "h1");

        Map<String, List<Route>> batches = HandlerBatches
            .byHandler(List.of(bobPhone, carolPhone, bobLaptop, davePhone));

        assertThat(batches).containsOnlyKeys("h1", "h2");
        assertThat(batches.keySet()).containsExactly("h1", "h2");
        assertThat(batches.get("h1")).containsExactly(bobPhone, davePhone);
        assertThat(batches.get("h2")).containsExactly(carolPhone, bobLaptop);
        assertThat(HandlerBatches.byHandler(List.of())).isEmpty();
    }

    private static Route route(String user, String device, String handler) {
        return new Route(UserId.of(user), DeviceId.of(device), handler, "c-" + user + "-" + device);
    }

}
