package com.acme.chat.relay.routing;

import java.time.Instant;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
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

    @Test
    void publishesADeliverWithKindAndTypedFrameOnTheHandlersChannel() {
        given(redis.convertAndSend(anyString(), anyString())).willReturn(1L);
        MessageFrame frame = new MessageFrame(MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 7,
                UserId.of("alice"), DeviceId.of("phone"), null, "hi", List.of(),
                Instant.parse("2026-11-27T21:07:41.123Z"));
        Route route = new Route(UserId.of("bob"), DeviceId.of("web"), "handler-1", "conn-1");

        boolean received = new HandlerChannelPublisher(redis, RouteKeys.DEFAULT, json, ObservationRegistry.NOOP)
            .deliver(route, frame);

        assertThat(received).isTrue();
        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        then(redis).should().convertAndSend(eq("handler:handler-1"), payload.capture());
        JsonNode tree = json.readTree(payload.getValue());
        assertThat(tree.path("kind").asString()).isEqualTo("deliver");
        assertThat(tree.path("frame").path("type").asString()).isEqualTo("message");
        assertThat(json.readValue(payload.getValue(), HandlerMessage.class))
            .isEqualTo(new HandlerMessage.Deliver(UserId.of("bob"), DeviceId.of("web"), "conn-1", frame));
    }

}
