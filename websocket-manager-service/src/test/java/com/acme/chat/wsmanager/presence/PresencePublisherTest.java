package com.acme.chat.wsmanager.presence;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.acme.chat.common.event.DeviceConnected;
import com.acme.chat.common.event.DeviceDisconnected;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class PresencePublisherTest {

    private final ChatEventPublisher events = mock(ChatEventPublisher.class);

    private final PresencePublisher publisher = new PresencePublisher(events);

    @Test
    void publishesBestEffortAndNeverOnTheSubscribingThread() {
        AtomicReference<String> sendingThread = new AtomicReference<>();
        given(events.publish(any(DeviceConnected.class), eq(PublishPolicy.BEST_EFFORT))).willAnswer(invocation -> {
            sendingThread.set(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(null);
        });

        publisher.connected(UserId.of("bob"), DeviceId.of("phone"), "h1", "c1").block(Duration.ofSeconds(5));

        assertThat(sendingThread.get()).startsWith("boundedElastic").isNotEqualTo(Thread.currentThread().getName());
        ArgumentCaptor<DeviceConnected> sent = ArgumentCaptor.forClass(DeviceConnected.class);
        then(events).should().publish(sent.capture(), eq(PublishPolicy.BEST_EFFORT));
        assertThat(sent.getValue().user()).isEqualTo(UserId.of("bob"));
        assertThat(sent.getValue().device()).isEqualTo(DeviceId.of("phone"));
        assertThat(sent.getValue().handlerId()).isEqualTo("h1");
        assertThat(sent.getValue().connectionId()).isEqualTo("c1");
    }

    @Test
    void completesOnlyWhenThePublicationHasItsOutcome() {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        given(events.publish(any(DeviceDisconnected.class), eq(PublishPolicy.BEST_EFFORT))).willReturn(outcome);

        CompletableFuture<Void> done = publisher.disconnected(UserId.of("bob"), DeviceId.of("phone"), "h1", "c1")
            .toFuture();

        assertThat(done).isNotDone();
        outcome.complete(null);
        assertThat(done).succeedsWithin(Duration.ofSeconds(5));
    }

}
