package com.acme.chat.kit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class ChatEventPublisherTest {

    private static final String SECRET_TEXT = "the secret body of a message";

    private static final ReceiptRecorded RECEIPT = new ReceiptRecorded(UUID.randomUUID(), Instant.now(),
            ReceiptRecorded.VERSION, ConversationId.of("d:alice:bob"), UserId.of("bob"), ReceiptKind.READ, 3);

    private static final DeliveryRequested DELIVERY = new DeliveryRequested(UUID.randomUUID(), Instant.now(),
            DeliveryRequested.VERSION, UserId.of("bob"), MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 1,
            UserId.of("alice"), DeviceId.of("phone"), null, SECRET_TEXT, List.of(), Instant.now(),
            ClientMessageId.of("c-1"));

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final AtomicLong nanos = new AtomicLong();

    private final ChatEventPublisher publisher = publisher(ChatNamespace.none());

    private ChatEventPublisher publisher(ChatNamespace namespace) {
        return new ChatEventPublisher(kafka, JsonMapper.builder().build(), namespace, Duration.ofMillis(200), meters,
                nanos::get);
    }

    @Test
    void publishesJsonWithTheTypeToTheEventsTopicAndKey() {
        brokerAcks();

        publisher.publishAndWait(List.of(RECEIPT));

        then(kafka).should()
            .send(eq(Topics.RECEIPTS), eq("d:alice:bob"),
                    argThat(json -> json.contains("\"type\":\"receipt_recorded\"") && json.contains("\"upToSeq\":3")));
        assertThat(timer(Topics.RECEIPTS, "acked").count()).isEqualTo(1);
    }

    @Test
    void publishesToTheNamespacedTopicButTagsTheDocumentedName() {
        brokerAcks();

        publisher(ChatNamespace.of("t1abc")).publishAndWait(List.of(RECEIPT));

        then(kafka).should().send(eq("t1abc." + Topics.RECEIPTS), eq("d:alice:bob"), anyString());
        assertThat(timer(Topics.RECEIPTS, "acked").count()).isEqualTo(1);
    }

    @Test
    void sendsTheEventsOfOneCallInTheirOrder() {
        brokerAcks();

        publisher.publishAndWait(List.of(DELIVERY, RECEIPT));

        InOrder order = inOrder(kafka);
        order.verify(kafka).send(eq(Topics.DELIVERIES), eq("bob"), anyString());
        order.verify(kafka).send(eq(Topics.RECEIPTS), eq("d:alice:bob"), anyString());
    }

    @Test
    void anAwaitedPublicationCompletesOnlyWhenTheBrokerAcked() {
        CompletableFuture<SendResult<String, String>> ack = new CompletableFuture<>();
        given(kafka.send(anyString(), anyString(), anyString())).willReturn(ack);

        CompletableFuture<Void> publication = publisher.publish(RECEIPT, PublishPolicy.AWAIT);

        assertThat(publication).isNotDone();
        ack.complete(sendResult());
        assertThat(publication).isCompleted();
    }

    @Test
    void anAwaitedBrokerFailureIsServiceUnavailable() {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willReturn(CompletableFuture.failedFuture(new TimeoutException("no broker")));

        assertUnavailable(() -> publisher.publishAndWait(List.of(RECEIPT)));
        assertThat(timer(Topics.RECEIPTS, "failed").count()).isEqualTo(1);
    }

    @Test
    void anAwaitedMissingAckIsServiceUnavailableAfterTheTimeout() {
        given(kafka.send(anyString(), anyString(), anyString())).willReturn(new CompletableFuture<>());

        long started = System.nanoTime();
        assertUnavailable(() -> publisher.publishAndWait(List.of(RECEIPT)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(timer(Topics.RECEIPTS, "timeout").count()).isEqualTo(1);
    }

    @Test
    void anAwaitedSendThatCannotEvenStartIsServiceUnavailable() {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willThrow(new KafkaException("metadata not available"));

        assertUnavailable(() -> publisher.publishAndWait(List.of(RECEIPT)));
        assertThat(timer(Topics.RECEIPTS, "failed").count()).isEqualTo(1);
    }

    @Test
    void oneFailedEventFailsTheWholeAwaitedPublication() {
        given(kafka.send(eq(Topics.DELIVERIES), anyString(), anyString()))
            .willReturn(CompletableFuture.completedFuture(sendResult()));
        given(kafka.send(eq(Topics.RECEIPTS), anyString(), anyString()))
            .willReturn(CompletableFuture.failedFuture(new TimeoutException("no broker")));

        assertUnavailable(() -> publisher.publishAndWait(List.of(DELIVERY, RECEIPT)));
        assertThat(timer(Topics.DELIVERIES, "acked").count()).isEqualTo(1);
        assertThat(timer(Topics.RECEIPTS, "failed").count()).isEqualTo(1);
    }

    @Test
    void aBestEffortPublicationNeverFailsButCountsEveryFailure() {
        given(kafka.send(eq(Topics.DELIVERIES), anyString(), anyString()))
            .willThrow(new KafkaException("metadata not available"));
        given(kafka.send(eq(Topics.RECEIPTS), anyString(), anyString()))
            .willReturn(CompletableFuture.failedFuture(new TimeoutException("no broker")));

        CompletableFuture<Void> rejected = publisher.publish(DELIVERY, PublishPolicy.BEST_EFFORT);
        CompletableFuture<Void> failed = publisher.publish(RECEIPT, PublishPolicy.BEST_EFFORT);

        assertThat(rejected).isCompleted();
        assertThat(failed).isCompleted();
        assertThat(timer(Topics.DELIVERIES, "failed").count()).isEqualTo(1);
        assertThat(timer(Topics.RECEIPTS, "failed").count()).isEqualTo(1);
    }

    @Test
    void aBestEffortPublicationWithoutAckCompletesAfterTheTimeout() {
        given(kafka.send(anyString(), anyString(), anyString())).willReturn(new CompletableFuture<>());

        CompletableFuture<Void> publication = publisher.publish(RECEIPT, PublishPolicy.BEST_EFFORT);

        assertThat(publication).isNotDone();
        assertThat(publication).succeedsWithin(Duration.ofSeconds(5));
        assertThat(timer(Topics.RECEIPTS, "timeout").count()).isEqualTo(1);
    }

    @Test
    void logsFailuresRateLimitedAndWithoutTheEventsContent(CapturedOutput output) {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willReturn(CompletableFuture.failedFuture(new TimeoutException("no broker")));

        for (int i = 0; i < 3; i++) {
            publisher.publish(DELIVERY, PublishPolicy.BEST_EFFORT);
        }
        assertThat(warnings(output)).hasSize(1);
        assertThat(warnings(output).get(0)).contains("DeliveryRequested", DELIVERY.eventId().toString(), "key bob",
                Topics.DELIVERIES, "no broker", "0 other");

        nanos.addAndGet(PublishFailureLog.INTERVAL.toNanos());
        publisher.publish(DELIVERY, PublishPolicy.BEST_EFFORT);

        assertThat(warnings(output)).hasSize(2);
        assertThat(warnings(output).get(1)).contains("2 other");
        assertThat(output.getAll()).doesNotContain(SECRET_TEXT);
        assertThat(timer(Topics.DELIVERIES, "failed").count()).isEqualTo(4);
    }

    private void brokerAcks() {
        given(kafka.send(anyString(), anyString(), anyString()))
            .willReturn(CompletableFuture.completedFuture(sendResult()));
    }

    @SuppressWarnings("unchecked")
    private static SendResult<String, String> sendResult() {
        return mock(SendResult.class);
    }

    private Timer timer(String topic, String outcome) {
        Timer timer = meters.find(ChatEventPublisher.METER).tag("topic", topic).tag("outcome", outcome).timer();
        assertThat(timer).as("timer %s %s", topic, outcome).isNotNull();
        return timer;
    }

    private static List<String> warnings(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("WARN")).toList();
    }

    private static void assertUnavailable(Runnable publication) {
        assertThatThrownBy(publication::run).isInstanceOfSatisfying(ChatException.class,
                ex -> assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

}
