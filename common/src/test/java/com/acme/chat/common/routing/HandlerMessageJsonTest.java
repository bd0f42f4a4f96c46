package com.acme.chat.common.routing;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.testsupport.Frames;
import com.acme.chat.common.testsupport.Ids;
import com.acme.chat.common.testsupport.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandlerMessageJsonTest {

    @Test
    void deliverRoundTripsWithItsFrame() {
        HandlerMessage deliver = new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage());
        String json = TestJson.MAPPER.writeValueAsString(deliver);
        assertThat(json).contains("\"kind\":\"deliver\"").contains("\"type\":\"message\"");
        assertThat(TestJson.MAPPER.readValue(json, HandlerMessage.class)).isEqualTo(deliver);
    }

    @Test
    void deliverManyCarriesTheFrameOnceAndRoundTrips() {
        HandlerMessage many = new HandlerMessage.DeliverMany(
                List.of(new HandlerMessage.Target(Ids.BOB, Ids.ALICE_PHONE, "conn-1"),
                        new HandlerMessage.Target(Ids.CAROL, Ids.ALICE_PHONE, null)),
                Frames.directMessage(),
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        String json = TestJson.MAPPER.writeValueAsString(many);
        assertThat(json).contains("\"kind\":\"deliver_many\"").containsOnlyOnce("\"type\":\"message\"");
        assertThat(TestJson.MAPPER.readValue(json, HandlerMessage.class)).isEqualTo(many);
    }

    @Test
    void deliverManyIsADeliverPerTarget() {
        HandlerMessage.DeliverMany many = new HandlerMessage.DeliverMany(
                List.of(new HandlerMessage.Target(Ids.BOB, Ids.ALICE_PHONE, "conn-1"),
                        new HandlerMessage.Target(Ids.CAROL, Ids.ALICE_PHONE, null)),
                Frames.directMessage());
        assertThat(many.delivers()).containsExactly(
                new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage()),
                new HandlerMessage.Deliver(Ids.CAROL, Ids.ALICE_PHONE, null, Frames.directMessage()));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new HandlerMessage.DeliverMany(List.of(), Frames.directMessage()));
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
        assertThat(RouteKeys.DEFAULT.route(Ids.ALICE, Ids.ALICE_PHONE)).isEqualTo("route:alice:alice-phone");
        assertThat(RouteKeys.DEFAULT.devices(Ids.ALICE)).isEqualTo("routes:alice");
        assertThat(RouteKeys.DEFAULT.handlerChannel("h1")).isEqualTo("handler:h1");
        assertThat(RouteKeys.DEFAULT.ticket("t1")).isEqualTo("ws-ticket:t1");
    }

    @Test
    void aPrefixStartsEveryKeyAndChannelButNoValue() {
        RouteKeys keys = RouteKeys.withPrefix("it3kf9a2:");
        assertThat(keys.route(Ids.ALICE, Ids.ALICE_PHONE)).isEqualTo("it3kf9a2:route:alice:alice-phone");
        assertThat(keys.devices(Ids.ALICE)).isEqualTo("it3kf9a2:routes:alice");
        assertThat(keys.handlerChannel("h1")).isEqualTo("it3kf9a2:handler:h1");
        assertThat(keys.ticket("t1")).isEqualTo("it3kf9a2:ws-ticket:t1");
        assertThat(RouteKeys.routeValue("h1", "c1")).isEqualTo("h1|c1");
        assertThat(RouteKeys.withPrefix("")).isSameAs(RouteKeys.DEFAULT);
    }

}
