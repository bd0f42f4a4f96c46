package com.acme.chat.relay.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.PushNotificationRequested;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class PushNotificationPublisherTest {

    private final ChatEventPublisher events = mock(ChatEventPublisher.class);

    private final PushNotificationPublisher publisher = new PushNotificationPublisher(events);

    @Test
    void requestsAPushBestEffortWithIdsOnlyAndAnIdPerMessageAndRecipient() {
        DeliveryRequested delivery = new DeliveryRequested(UUID.randomUUID(), Instant.now(), 1, UserId.of("bob"),
                MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 1, UserId.of("alice"), DeviceId.of("phone"),
                null, "hi", List.of(), Instant.now(), ClientMessageId.of("c-1"));

        publisher.requestFor(delivery);
        publisher.requestFor(delivery);

        ArgumentCaptor<PushNotificationRequested> sent = ArgumentCaptor.forClass(PushNotificationRequested.class);
        then(events).should(times(2)).publish(sent.capture(), eq(PublishPolicy.BEST_EFFORT));
        PushNotificationRequested request = sent.getAllValues().get(0);
        assertThat(request.recipient()).isEqualTo(UserId.of("bob"));
        assertThat(request.messageId()).isEqualTo(MessageId.of("m-1"));
        assertThat(request.conversationId()).isEqualTo(ConversationId.of("d:alice:bob"));
        assertThat(sent.getAllValues().get(1).eventId()).isEqualTo(request.eventId());
    }

}
