package com.acme.chat.relay.queue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;

import static org.assertj.core.api.Assertions.assertThat;

class QueuedMessageTest {

    @Test
    void replaysTheSameFrameTheDeliveryPushesLive() {
        DeliveryRequested delivery = new DeliveryRequested(UUID.randomUUID(), Instant.now(), 1, UserId.of("bob"),
                MessageId.of("m-1"), ConversationId.group(GroupId.of("g1")), 3, UserId.of("alice"),
                DeviceId.of("phone"), GroupId.of("g1"), "hi", List.of(new MediaRef("a".repeat(64), "image/png", 10)),
                Instant.parse("2026-11-27T21:07:41.123Z"), ClientMessageId.of("c-1"));

        assertThat(QueuedMessage.of(delivery).toFrame()).isEqualTo(delivery.toFrame());
    }

}
