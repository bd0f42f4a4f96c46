package com.acme.chat.common.routing;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.testsupport.Frames;
import com.acme.chat.common.testsupport.Ids;
import com.acme.chat.common.testsupport.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerMessageJsonTest {

    @Test
    void deliverRoundTripsWithItsFrame() {
        HandlerMessage deliver = new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage());
        String json = TestJson.MAPPER.writeValueAsString(deliver);
        assertThat(json).contains("\"kind\":\"deliver\"").contains("\"type\":\"message\"");
        assertThat(TestJson.MAPPER.readValue(json, HandlerMessage.class)).isEqualTo(deliver);
    }

    @Test
    void evictRoundTrips() {
        HandlerMessage evict = new HandlerMessage.Evict(Ids.ALICE, Ids.ALICE_PHONE, "conn-1");
        String json = TestJson.MAPPER.writeValueAsString(evict);
        assertThat(json).contains("\"kind\":\"evict\"");
        assertThat(TestJson.MAPPER.readValue(json, HandlerMessage.class)).isEqualTo(evict);
    }

    @Test
    void routeValueParsesBack() {
        String value = RouteKeys.routeValue("handler-a", "conn-7");
        assertThat(Route.parse(Ids.ALICE, Ids.ALICE_PHONE, value))
            .isEqualTo(new Route(Ids.ALICE, Ids.ALICE_PHONE, "handler-a", "conn-7"));
        assertThat(Route.parse(Ids.ALICE, Ids.ALICE_PHONE, "garbage")).isNull();
    }

    @Test
    void keysNameUserAndDevice() {
        assertThat(RouteKeys.route(Ids.ALICE, Ids.ALICE_PHONE)).isEqualTo("route:alice:alice-phone");
        assertThat(RouteKeys.devices(Ids.ALICE)).isEqualTo("routes:alice");
        assertThat(RouteKeys.handlerChannel("h1")).isEqualTo("handler:h1");
    }

}
