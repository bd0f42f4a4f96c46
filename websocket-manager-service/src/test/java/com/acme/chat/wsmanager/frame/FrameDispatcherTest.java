package com.acme.chat.wsmanager.frame;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.Ack;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.Pong;
import com.acme.chat.common.protocol.SendMessage;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.kit.admission.AdmissionGate;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.wsmanager.ack.AckPublisher;
import com.acme.chat.wsmanager.downstream.DownstreamException;
import com.acme.chat.wsmanager.downstream.MessagingClient;
import com.acme.chat.wsmanager.downstream.PushedMessage;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class FrameDispatcherTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private static final ConnectionPrincipal ALICE = new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"),
            "token", null, null);

    private static final String SEND = "{\"type\":\"send_message\",\"id\":\"f-1\",\"clientMsgId\":\"c-1\",\"to\":\"bob\","
            + "\"text\":\"hi Bob\"}";

    private final MessagingClient messaging = mock(MessagingClient.class);

    private final AckPublisher acks = mock(AckPublisher.class);

    private final List<Observation.Context> observed = new CopyOnWriteArrayList<>();

    private final AdmissionGate sendAdmission = new AdmissionGate("sends", 2, Duration.ofMillis(1000),
            new SimpleMeterRegistry());

    private final FrameDispatcher dispatcher = new FrameDispatcher(JsonMapper.builder().build(),
            VALIDATION.getValidator(), messaging, acks, new SimpleMeterRegistry(), recording(observed), sendAdmission);

    /** A registry that keeps the context of every stopped observation. */
    private static ObservationRegistry recording(List<Observation.Context> stopped) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        return registry;
    }

    private Map<String, String> lastFrameTags() {
        assertThat(observed).isNotEmpty();
        Observation.Context context = observed.get(observed.size() - 1);
        assertThat(context.getName()).isEqualTo(FrameObservation.NAME);
        Map<String, String> tags = new HashMap<>();
        context.getLowCardinalityKeyValues().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        return tags;
    }

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private ServerFrame answer(String text) {
        return dispatcher.prepare(text).handle(ALICE, PushedMessages.NONE).block();
    }

    private ErrorFrame errorFor(DownstreamException failure) {
        given(messaging.send(any(), any())).willReturn(Mono.error(failure));
        ServerFrame answer = answer(SEND);
        assertThat(answer).isInstanceOf(ErrorFrame.class);
        return (ErrorFrame) answer;
    }

    @Test
    void acksAStoredMessageWithItsServerIdentity() {
        Instant sentAt = Instant.parse("2026-11-27T21:07:41.123Z");
        given(messaging.send(eq(ALICE), any(SendMessage.class)))
            .willReturn(Mono.just(new MessagingClient.StoredMessage(MessageId.of("m-1"),
                    ConversationId.of("d:alice:bob"), 42, sentAt, true)));

        assertThat(answer(SEND)).isEqualTo(
                Ack.messageStored("f-1", MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 42, sentAt, true));
    }

    @Test
    void observesEachFrameWithItsTypeAndOutcome() {
        given(messaging.send(eq(ALICE), any(SendMessage.class)))
            .willReturn(Mono.just(new MessagingClient.StoredMessage(MessageId.of("m-1"),
                    ConversationId.of("d:alice:bob"), 42, Instant.now(), false)));

        answer(SEND);
        assertThat(lastFrameTags()).containsEntry("type", "send_message").containsEntry("outcome", "ok");

        answer("{not json");
        assertThat(lastFrameTags()).containsEntry("type", "invalid").containsEntry("outcome", "malformed_json");

        answer("{\"type\":\"ping\",\"id\":\"p-1\"}");
        assertThat(lastFrameTags()).containsEntry("type", "ping").containsEntry("outcome", "ok");

        dispatcher.rejectBinary().block();
        assertThat(lastFrameTags()).containsEntry("type", "binary").containsEntry("outcome", "bad_request");
        assertThat(observed).hasSize(4);
    }

    @Test
    void problemDetailKeepsItsCodeAndDetail() {
        ErrorFrame error = errorFor(DownstreamException.problem("messaging", 404, "unknown_user", "No user 'bob'"));

        assertThat(error).isEqualTo(new ErrorFrame("f-1", "unknown_user", "No user 'bob'", false));
    }

    @Test
    void sendsBeyondTheAdmissionLimitAreRefusedAsOverloadedWithoutReachingMessaging() {
        given(messaging.send(any(), any())).willReturn(Mono.never());
        // the gate admits two: both stay in flight (messaging never answers)
        dispatcher.prepare(SEND).handle(ALICE, PushedMessages.NONE).subscribe();
        dispatcher.prepare(SEND.replace("f-1", "f-2")).handle(ALICE, PushedMessages.NONE).subscribe();

        ServerFrame third = answer(SEND.replace("f-1", "f-3"));

        assertThat(third).isInstanceOfSatisfying(ErrorFrame.class, error -> {
            assertThat(error.id()).isEqualTo("f-3");
            assertThat(error.code()).isEqualTo("overloaded");
            assertThat(error.retryable()).isTrue();
            assertThat(error.retryAfterMs()).isBetween(1000L, 1500L);
        });
        then(messaging).should(org.mockito.Mockito.times(2)).send(any(), any());
    }

    @Test
    void anAnsweredSendLeavesTheGate() {
        given(messaging.send(any(), any()))
            .willReturn(Mono.error(DownstreamException.problem("messaging", 404, "unknown_user", "No user 'bob'")));
        for (int i = 0; i < 5; i++) {
            assertThat(((ErrorFrame) answer(SEND)).code()).isEqualTo("unknown_user");
        }
        assertThat(sendAdmission.inFlight()).isZero();
    }

    @Test
    void messagingsAdvisedRetryDelayReachesTheClient() {
        ErrorFrame error = errorFor(
                DownstreamException.problem("messaging", 503, "overloaded", "Too many sends", 1234L));

        assertThat(error.code()).isEqualTo("overloaded");
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfterMs()).isEqualTo(1234L);
    }

    @Test
    void retryableCodesStayRetryable() {
        ErrorFrame error = errorFor(DownstreamException.problem("messaging", 429, "rate_limited", "slow down"));

        assertThat(error.code()).isEqualTo("rate_limited");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void unknownCodeBecomesInternal() {
        ErrorFrame error = errorFor(DownstreamException.problem("messaging", 400, "brand_new_code", "whatever"));

        assertThat(error.code()).isEqualTo("internal");
        assertThat(error.id()).isEqualTo("f-1");
    }

    @Test
    void problemWithoutBodyIsJudgedByStatus() {
        assertThat(errorFor(DownstreamException.problem("messaging", 503, null, null)).code())
            .isEqualTo("service_unavailable");
        assertThat(errorFor(DownstreamException.problem("messaging", 500, null, null)).code()).isEqualTo("internal");
    }

    @Test
    void unreachableServiceIsRetryableServiceUnavailable() {
        ErrorFrame error = errorFor(DownstreamException.unavailable("messaging", new java.net.ConnectException()));

        assertThat(error.code()).isEqualTo("service_unavailable");
        assertThat(error.retryable()).isTrue();
        assertThat(error.id()).isEqualTo("f-1");
    }

    @Test
    void unexpectedFailureIsInternal() {
        given(messaging.send(any(), any())).willReturn(Mono.error(new IllegalStateException("bug")));

        assertThat(((ErrorFrame) answer(SEND)).code()).isEqualTo("internal");
    }

    @Test
    void aHandlerThatThrowsStillGetsAnErrorFrameAndEndsItsObservation() {
        given(messaging.send(any(), any())).willThrow(new IllegalStateException("bug"));

        assertThat(((ErrorFrame) answer(SEND)).code()).isEqualTo("internal");
        assertThat(lastFrameTags()).containsEntry("type", "send_message").containsEntry("outcome", "internal");
    }

    private static final String ACK = "{\"type\":\"ack_delivery\",\"id\":\"a-1\",\"conversationId\":\"d:alice:bob\","
            + "\"messageIds\":[\"m-1\",\"m-2\",\"m-1\"]}";

    private DeliveryAcked published() {
        ArgumentCaptor<DeliveryAcked> published = ArgumentCaptor.forClass(DeliveryAcked.class);
        then(acks).should().publish(published.capture());
        return published.getValue();
    }

    @Test
    void ackDeliveryIsPublishedAsTheConnectionsDeviceAndAckedWithHowManyDistinctMessagesItTook() {
        given(acks.publish(any())).willReturn(Mono.empty());

        ServerFrame answer = answer(ACK);

        assertThat(answer).isEqualTo(Ack.delivered("a-1", 2));
        DeliveryAcked acked = published();
        assertThat(acked.user()).as("the token's subject, never the frame's word").isEqualTo(UserId.of("alice"));
        assertThat(acked.device()).isEqualTo(DeviceId.of("phone-1"));
        assertThat(acked.conversationId()).isEqualTo(ConversationId.of("d:alice:bob"));
        assertThat(acked.messageIds()).containsExactly(MessageId.of("m-1"), MessageId.of("m-2"));
        assertThat(acked.refs()).as("nothing was pushed on this connection").isNull();
        assertThat(acked.version()).isEqualTo(DeliveryAcked.VERSION);
        assertThat(acked.occurredAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(lastFrameTags()).containsEntry("type", "ack_delivery").containsEntry("outcome", "ok");
    }

    @Test
    void ackDeliveryNamesTheQueueKeysOnlyWhenThisConnectionPushedEveryMessage() {
        given(acks.publish(any())).willReturn(Mono.empty());
        PushedMessage first = new PushedMessage(MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 4,
                Instant.parse("2026-11-30T10:00:00Z"));
        PushedMessage second = new PushedMessage(MessageId.of("m-2"), ConversationId.of("d:alice:bob"), 5,
                Instant.parse("2026-11-30T10:00:01Z"));
        PushedMessage elsewhere = new PushedMessage(MessageId.of("m-4"), ConversationId.of("d:alice:carol"), 9,
                Instant.parse("2026-11-30T10:00:02Z"));
        Pushed pushed = new Pushed(first, second, elsewhere);

        ServerFrame answer = dispatcher.prepare(ACK).handle(ALICE, pushed).block();
        // One id this connection did not push, one of another conversation: relay looks
        // the keys up itself.
        dispatcher.prepare(ACK.replace("\"m-1\",\"m-2\",\"m-1\"", "\"m-3\"")).handle(ALICE, pushed).block();
        dispatcher.prepare(ACK.replace("\"m-1\",\"m-2\",\"m-1\"", "\"m-4\"")).handle(ALICE, pushed).block();

        assertThat(answer).isEqualTo(Ack.delivered("a-1", 2));
        ArgumentCaptor<DeliveryAcked> published = ArgumentCaptor.forClass(DeliveryAcked.class);
        then(acks).should(times(3)).publish(published.capture());
        assertThat(published.getAllValues().get(0).refs()).containsExactly(
                new DeliveryAcked.Ref(MessageId.of("m-1"), 4, Instant.parse("2026-11-30T10:00:00Z")),
                new DeliveryAcked.Ref(MessageId.of("m-2"), 5, Instant.parse("2026-11-30T10:00:01Z")));
        assertThat(published.getAllValues().get(1).refs()).isNull();
        assertThat(published.getAllValues().get(2).refs()).isNull();
        assertThat(pushed.known).as("every acknowledged message is forgotten").isEmpty();
    }

    @Test
    void anAckKafkaDidNotTakeIsRetryableServiceUnavailableAndKeepsTheQueueKeys() {
        given(acks.publish(any())).willReturn(Mono.error(new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                "The event stream is temporarily unavailable; retry the same request")));
        PushedMessage first = new PushedMessage(MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 4,
                Instant.parse("2026-11-30T10:00:00Z"));
        Pushed pushed = new Pushed(first);

        ServerFrame answer = dispatcher.prepare(ACK.replace(",\"m-2\",\"m-1\"", "")).handle(ALICE, pushed).block();

        assertThat(answer).isInstanceOfSatisfying(ErrorFrame.class, error -> {
            assertThat(error.id()).isEqualTo("a-1");
            assertThat(error.code()).isEqualTo("service_unavailable");
            assertThat(error.retryable()).isTrue();
        });
        assertThat(lastFrameTags()).containsEntry("type", "ack_delivery")
            .containsEntry("outcome", "service_unavailable");
        assertThat(pushed.known).as("a retry still names the keys").containsOnlyKeys(MessageId.of("m-1"));
    }

    /** The messages pushed on a connection, forgotten once acknowledged. */
    private static final class Pushed implements PushedMessages {

        final Map<MessageId, PushedMessage> known = new HashMap<>();

        Pushed(PushedMessage... messages) {
            for (PushedMessage message : messages) {
                known.put(message.messageId(), message);
            }
        }

        @Override
        public PushedMessage find(MessageId messageId) {
            return known.get(messageId);
        }

        @Override
        public void acknowledged(Collection<MessageId> messageIds) {
            messageIds.forEach(known::remove);
        }

        /** How many acks of messages not pushed here are still allowed. */
        int lookupAllowance = Integer.MAX_VALUE;

        @Override
        public boolean admitLookupAck() {
            return lookupAllowance-- > 0;
        }

    }

    @Test
    void acksOfMessagesNotPushedHereAreRateLimitedPerConnectionAndKeyedOnesAreNot() {
        given(acks.publish(any())).willReturn(Mono.empty());
        Pushed pushed = new Pushed(new PushedMessage(MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 4,
                Instant.parse("2026-11-30T10:00:00Z")));
        pushed.lookupAllowance = 1;
        String unkeyed = ACK.replace("\"m-1\",\"m-2\",\"m-1\"", "\"m-3\"");

        ServerFrame first = dispatcher.prepare(unkeyed).handle(ALICE, pushed).block();
        ServerFrame second = dispatcher.prepare(unkeyed).handle(ALICE, pushed).block();
        ServerFrame keyed = dispatcher.prepare(ACK.replace(",\"m-2\",\"m-1\"", "")).handle(ALICE, pushed).block();

        assertThat(first).isEqualTo(Ack.delivered("a-1", 1));
        assertThat(second).isInstanceOfSatisfying(ErrorFrame.class, error -> {
            assertThat(error.code()).isEqualTo("rate_limited");
            assertThat(error.retryable()).isTrue();
            assertThat(error.retryAfterMs()).isEqualTo(1000L);
        });
        assertThat(keyed).as("acks of pushed messages are bounded by the pushes").isEqualTo(Ack.delivered("a-1", 1));
        then(acks).should(times(2)).publish(any());
    }

    @Test
    void markReadGoesToMessagingAndIsAcked() {
        given(messaging.markRead(any(), any(), org.mockito.ArgumentMatchers.anyLong())).willReturn(Mono.empty());

        assertThat(answer("{\"type\":\"mark_read\",\"id\":\"r-1\",\"conversationId\":\"d:alice:bob\",\"seq\":42}"))
            .isEqualTo(Ack.of("r-1"));
        then(messaging).should().markRead(ALICE, ConversationId.of("d:alice:bob"), 42);
    }

    @Test
    void pingIsAnsweredWithPong() {
        assertThat(answer("{\"type\":\"ping\",\"id\":\"p-1\"}")).isEqualTo(new Pong("p-1"));
    }

    @Test
    void presenceFramesAreReserved() {
        ServerFrame typing = answer(
                "{\"type\":\"typing\",\"id\":\"t-1\",\"conversationId\":\"d:alice:bob\",\"typing\":true}");
        ServerFrame subscribe = answer("{\"type\":\"subscribe_presence\",\"id\":\"s-1\",\"users\":[\"bob\"]}");

        assertThat(typing)
            .isEqualTo(new ErrorFrame("t-1", "bad_request", "reserved: presence is not available yet", false));
        assertThat(subscribe)
            .isEqualTo(new ErrorFrame("s-1", "bad_request", "reserved: presence is not available yet", false));
    }

    @Test
    void unreadableFrameIsAnsweredWithoutCallingDownstream() {
        assertThat(((ErrorFrame) answer("{oops")).code()).isEqualTo("malformed_json");
        then(messaging).shouldHaveNoInteractions();
        then(acks).shouldHaveNoInteractions();
    }

}
