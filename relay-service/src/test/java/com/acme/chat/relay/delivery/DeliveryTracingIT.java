package com.acme.chat.relay.delivery;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTraces;

import static com.acme.chat.relay.testsupport.Events.delivery;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Relay continues the trace a delivery record carries in its {@code traceparent} header
 * into the envelope it publishes on the handler's channel, so the handler can continue it
 * up to the socket.
 */
@ChatIntegrationTest
class DeliveryTracingIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId WEB = DeviceId.of("web");

    @Test
    void pushCarriesTheTraceOfTheConsumedRecord() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-1");
        DeliveryRequested delivery = delivery(bob, alice, WEB, 1);
        String traceId = TestTraces.newTraceId();
        String messagingSpan = TestTraces.newSpanId();

        events.send(delivery, Map.of("traceparent", TestTraces.traceparent(traceId, messagingSpan, true)));

        String traceparent = pushOf(delivery).trace().get("traceparent");
        assertThat(TestTraces.traceIdOf(traceparent)).isEqualTo(traceId);
        assertThat(TestTraces.spanIdOf(traceparent)).isNotEqualTo(messagingSpan);
        assertThat(traceparent).endsWith("-01");
    }

    @Test
    void anUnsampledTraceStaysUnsampledButKeepsItsId() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-1");
        DeliveryRequested delivery = delivery(bob, alice, WEB, 1);
        String traceId = TestTraces.newTraceId();

        events.send(delivery, Map.of("traceparent", TestTraces.traceparent(traceId, TestTraces.newSpanId(), false)));

        String traceparent = pushOf(delivery).trace().get("traceparent");
        assertThat(TestTraces.traceIdOf(traceparent)).isEqualTo(traceId);
        assertThat(traceparent).endsWith("-00");
    }

    @Test
    void aRecordWithoutTraceContextStartsATraceOfItsOwn() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-1");
        DeliveryRequested first = delivery(bob, alice, WEB, 1);
        DeliveryRequested second = delivery(bob, alice, WEB, 2);

        events.send(first);
        events.send(second);

        String firstTrace = TestTraces.traceIdOf(pushOf(first).trace().get("traceparent"));
        String secondTrace = TestTraces.traceIdOf(pushOf(second).trace().get("traceparent"));
        assertThat(firstTrace).isNotEqualTo(secondTrace);
    }

    private HandlerMessage.Deliver pushOf(DeliveryRequested delivery) {
        await().atMost(KAFKA_WAIT).until(() -> find(handler.tracedDelivers(), delivery) != null);
        HandlerMessage.Deliver push = find(handler.tracedDelivers(), delivery);
        assertThat(push.trace()).as("trace context of the push").isNotNull().containsKey("traceparent");
        return push;
    }

    private static HandlerMessage.@Nullable Deliver find(List<HandlerMessage.Deliver> pushes,
            DeliveryRequested delivery) {
        return pushes.stream().filter(push -> push.frame().equals(delivery.toFrame())).findFirst().orElse(null);
    }

}
