package com.acme.chat.wsmanager.ack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class AckPublisherTest {

    private static final DeliveryAcked ACKED = new DeliveryAcked(UUID.randomUUID(), Instant.now(),
            DeliveryAcked.VERSION, UserId.of("bob"), DeviceId.of("phone"), ConversationId.of("d:alice:bob"),
            List.of(MessageId.of("m-1")), null);

    private final ChatEventPublisher events = mock(ChatEventPublisher.class);

    private final AckPublisher publisher = new AckPublisher(events);

    @Test
    void awaitsTheBrokersAckAndNeverSendsOnTheSubscribingThread() {
        AtomicReference<String> sendingThread = new AtomicReference<>();
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        given(events.publish(any(DeliveryAcked.class), eq(PublishPolicy.AWAIT))).willAnswer(invocation -> {
            sendingThread.set(Thread.currentThread().getName());
            return outcome;
        });

        CompletableFuture<Void> done = publisher.publish(ACKED).toFuture();

        assertThat(done).isNotDone();
        outcome.complete(null);
        assertThat(done).succeedsWithin(Duration.ofSeconds(5));
        assertThat(sendingThread.get()).startsWith("boundedElastic").isNotEqualTo(Thread.currentThread().getName());
        then(events).should().publish(ACKED, PublishPolicy.AWAIT);
    }

    @Test
    void failsWithTheRetryableErrorWhenTheBrokerDidNotAck() {
        ChatException unavailable = new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "retry");
        given(events.publish(any(DeliveryAcked.class), eq(PublishPolicy.AWAIT)))
            .willReturn(CompletableFuture.failedFuture(new CompletionException(unavailable)));

        assertThatThrownBy(() -> publisher.publish(ACKED).block(Duration.ofSeconds(5))).isSameAs(unavailable);
    }

}
