package com.acme.chat.messaging.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class EventPublisherTest {

    private static final ReceiptRecorded RECEIPT = new ReceiptRecorded(UUID.randomUUID(), Instant.now(),
            ReceiptRecorded.VERSION, ConversationId.of("d:alice:bob"), UserId.of("bob"), ReceiptKind.READ, 3);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final EventPublisher publisher = new EventPublisher(kafka, JsonMapper.builder().build(),
            properties(Duration.ofMillis(300)), meters);

    @Test
    void publishesJsonWithTheTypeToTheEventsTopicAndKey() {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willReturn(CompletableFuture.completedFuture(mock(SendResult.class)));

        publisher.publish(List.of(RECEIPT));

        then(kafka).should()
            .send(eq(Topics.RECEIPTS), eq("d:alice:bob"),
                    argThat(json -> json.contains("\"type\":\"receipt_recorded\"") && json.contains("\"upToSeq\":3")));
    }

    @Test
    void aBrokerFailureIsServiceUnavailable() {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willReturn(CompletableFuture.failedFuture(new TimeoutException("no broker")));

        assertUnavailable();
    }

    @Test
    void aMissingBrokerAckIsServiceUnavailableAfterTheTimeout() {
        given(kafka.send(anyString(), anyString(), anyString())).willReturn(new CompletableFuture<>());

        assertUnavailable();
    }

    @Test
    void aSendThatCannotEvenStartIsServiceUnavailable() {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willThrow(new KafkaException("metadata not available"));

        assertUnavailable();
    }

    private void assertUnavailable() {
        assertThatThrownBy(() -> publisher.publish(List.of(RECEIPT))).isInstanceOfSatisfying(ChatException.class,
                ex -> assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(meters.counter("chat.messaging.publish.failures").count()).isEqualTo(1);
    }

    private static MessagingProperties properties(Duration publishTimeout) {
        return new MessagingProperties(4096, 50, 200, publishTimeout, Duration.ofSeconds(10), 50,
                Duration.ofSeconds(10), 1000, 200, 24, Duration.ofMinutes(10), 1000);
    }

}
