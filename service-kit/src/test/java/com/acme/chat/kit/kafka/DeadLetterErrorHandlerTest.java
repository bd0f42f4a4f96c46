package com.acme.chat.kit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.namespace.ChatNamespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The handler as the listener container drives it: each failed delivery of a record is
 * handed to {@code handleRemaining}, which either seeks back (the record is delivered
 * again) or recovers it to the dead-letter topic (the container then commits it).
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterErrorHandlerTest {

    private static final ChatNamespace NAMESPACE = ChatNamespace.of("t1abc");

    private static final String TOPIC = NAMESPACE.topic(Topics.RECEIPTS);

    private static final String DEAD_LETTER_TOPIC = TOPIC + ".dlt";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @SuppressWarnings("unchecked")
    private final KafkaOperations<Object, Object> kafka = mock(KafkaOperations.class);

    private final Consumer<?, ?> consumer = mock(Consumer.class);

    private final MessageListenerContainer container = mock(MessageListenerContainer.class);

    private final ConsumerRecord<String, String> record = new ConsumerRecord<>(TOPIC, 7, 42, "d:alice:bob",
            "{\"secret\":\"message body\"}");

    private DefaultErrorHandler handler;

    @BeforeEach
    void setUp() {
        ContainerProperties containerProperties = new ContainerProperties(TOPIC);
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        given(container.getContainerProperties()).willReturn(containerProperties);
        given(kafka.send(any(ProducerRecord.class))).willReturn(acked());
        handler = DeadLetters.errorHandler(kafka, properties(3), NAMESPACE, meters);
    }

    @Test
    void aPermanentFailureIsRetriedThenDeadLetteredUnchangedWithTheStandardHeaders(CapturedOutput output) {
        NullPointerException bug = new NullPointerException("bug");

        assertThat(handle(bug)).as("attempt 1").isFalse();
        assertThat(handle(bug)).as("attempt 2").isFalse();
        verify(kafka, never()).send(any(ProducerRecord.class));
        assertThat(handle(bug)).as("attempt 3").isTrue();

        ProducerRecord<Object, Object> sent = sentRecord();
        assertThat(sent.topic()).isEqualTo(DEAD_LETTER_TOPIC);
        assertThat(sent.partition()).as("the dead-letter topic has partitions of its own").isNull();
        assertThat(sent.key()).isEqualTo(record.key());
        assertThat(sent.value()).isEqualTo(record.value());
        assertThat(header(sent, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(sent, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("Listener failed; bug");
        assertThat(header(sent, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(NullPointerException.class.getName());
        assertThat(deadLettered("NullPointerException")).isEqualTo(1);
        assertThat(output.getAll())
            .contains("Record " + TOPIC + "-7@42 sent to " + DEAD_LETTER_TOPIC
                    + " after it failed for good: java.lang.NullPointerException: bug")
            .doesNotContain("message body");
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAtOnce() {
        assertThat(handle(new UnreadableRecordException("unreadable (JsonParseException)"))).isTrue();

        assertThat(sentRecord().topic()).isEqualTo(DEAD_LETTER_TOPIC);
        assertThat(deadLettered("UnreadableRecordException")).isEqualTo(1);
    }

    @Test
    void aTransientFailureIsRetriedWithoutLimitAndNeverDeadLettered() {
        for (int attempt = 1; attempt <= 50; attempt++) {
            assertThat(handle(new DriverTimeoutException("slow"))).as("attempt %d", attempt).isFalse();
        }

        verify(kafka, never()).send(any(ProducerRecord.class));
        verify(consumer, times(50)).seek(new TopicPartition(TOPIC, 7), 42);
        assertThat(meters.find(DeadLetters.DEAD_LETTERED_METER).counters()).isEmpty();
    }

    @Test
    void aRecordWhoseDeadLetterPublicationFailsIsNotCommittedButRetried() {
        given(kafka.send(any(ProducerRecord.class)))
            .willReturn(CompletableFuture.failedFuture(new KafkaException("broker away")))
            .willReturn(acked());
        UnreadableRecordException unreadable = new UnreadableRecordException("unreadable (JsonParseException)");

        assertThat(handle(unreadable)).as("publication failed: seek back, nothing committed").isFalse();
        verify(consumer).seek(new TopicPartition(TOPIC, 7), 42);
        assertThat(meters.find(DeadLetters.DEAD_LETTERED_METER).counters()).isEmpty();

        assertThat(handle(unreadable)).as("delivered again, published this time").isTrue();
        verify(kafka, times(2)).send(any(ProducerRecord.class));
        assertThat(deadLettered("UnreadableRecordException")).isEqualTo(1);
    }

    @Test
    void oneAttemptMeansNoRetryForABugButStillEndlessRetriesForATransientFailure() {
        handler = DeadLetters.errorHandler(kafka, properties(1), NAMESPACE, meters);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(handle(new DriverTimeoutException("slow"))).isFalse();
        }
        assertThat(handle(new IllegalStateException("bug"))).isTrue();
        assertThat(deadLettered("IllegalStateException")).isEqualTo(1);
    }

    /**
     * @return true when the record was recovered (the container commits it), false when
     * it was sought back to be delivered again
     */
    private boolean handle(Exception thrown) {
        try {
            handler.handleRemaining(new ListenerExecutionFailedException("Listener failed", thrown), List.of(record),
                    consumer, container);
            return true;
        }
        catch (RuntimeException ex) {
            // Spring Kafka's RecordInRetryException (package-private): sought back.
            assertThat(ex.getClass().getSimpleName()).isEqualTo("RecordInRetryException");
            return false;
        }
    }

    private ProducerRecord<Object, Object> sentRecord() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<ProducerRecord<Object, Object>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka).send(sent.capture());
        return sent.getValue();
    }

    private double deadLettered(String exception) {
        Counter counter = meters.find(DeadLetters.DEAD_LETTERED_METER)
            .tag("topic", Topics.RECEIPTS)
            .tag("exception", exception)
            .counter();
        assertThat(counter).as("counter for %s", exception).isNotNull();
        return counter.count();
    }

    private static @Nullable String header(ProducerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }

    private static CompletableFuture<SendResult<Object, Object>> acked() {
        return CompletableFuture.completedFuture(mock(SendResult.class));
    }

    private static ChatKafkaProperties properties(int attempts) {
        return new ChatKafkaProperties(12, (short) 1, 1, Duration.ofSeconds(5), Duration.ofSeconds(2), attempts,
                Duration.ofMillis(1));
    }

}
