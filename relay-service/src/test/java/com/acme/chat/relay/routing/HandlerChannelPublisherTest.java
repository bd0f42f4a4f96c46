package com.acme.chat.relay.routing;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.Route;
import com.acme.chat.common.routing.RouteKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class HandlerChannelPublisherTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final HandlerChannelPublisher publisher = new HandlerChannelPublisher(redis, RouteKeys.DEFAULT, json,
            ObservationRegistry.NOOP, meters);

    @Test
    void publishesADeliverWithKindAndTypedFrameOnTheHandlersChannel() {
        given(redis.convertAndSend(anyString(), anyString())).willReturn(1L);
        MessageFrame frame = new MessageFrame(MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 7,
                UserId.of("alice"), DeviceId.of("phone"), null, "hi", List.of(),
                Instant.parse("2026-11-27T21:07:41.123Z"));
        Route route = new Route(UserId.of("bob"), DeviceId.of("web"), "handler-1", "conn-1");

        boolean received = publisher.deliver(route, frame);

        assertThat(received).isTrue();
        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        then(redis).should().convertAndSend(eq("handler:handler-1"), payload.capture());
        JsonNode tree = json.readTree(payload.getValue());
        assertThat(tree.path("kind").asString()).isEqualTo("deliver");
        assertThat(tree.path("frame").path("type").asString()).isEqualTo("message");
        assertThat(json.readValue(payload.getValue(), HandlerMessage.class))
            .isEqualTo(new HandlerMessage.Deliver(UserId.of("bob"), DeviceId.of("web"), "conn-1", frame));
    }

    @Test
    void publishesOneDeliverManyForSeveralDevicesOfAHandlerAndCountsItsTargets() {
        given(redis.convertAndSend(anyString(), anyString())).willReturn(1L);
        MessageFrame frame = new MessageFrame(MessageId.of("m-2"), ConversationId.of("g:grp-1"), 9, UserId.of("alice"),
                DeviceId.of("phone"), GroupId.of("grp-1"), "hi all", List.of(),
                Instant.parse("2026-11-27T21:07:41.123Z"));
        Route bob = new Route(UserId.of("bob"), DeviceId.of("web"), "handler-1", "conn-1");
        Route carol = new Route(UserId.of("carol"), DeviceId.of("phone"), "handler-1", "conn-2");

        publisher.deliverMany("handler-1", List.of(bob, carol), frame);

        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        then(redis).should().convertAndSend(eq("handler:handler-1"), payload.capture());
        assertThat(json.readTree(payload.getValue()).path("kind").asString()).isEqualTo("deliver_many");
        assertThat(((HandlerMessage.DeliverMany) json.readValue(payload.getValue(), HandlerMessage.class)).delivers())
            .containsExactly(new HandlerMessage.Deliver(bob.user(), bob.device(), "conn-1", frame),
                    new HandlerMessage.Deliver(carol.user(), carol.device(), "conn-2", frame));
        assertThat(meters.get("chat.relay.handler.publishes").counter().count()).isEqualTo(1);
        assertThat(meters.get("chat.relay.handler.publish.targets").summary().totalAmount()).isEqualTo(2);
    }

}
