package com.acme.chat.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.admission.AdmissionGate;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.shard.SendForwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

/**
 * Admission control of Send-Message: past the limit, a send is refused with
 * {@code overloaded} before the service stores anything.
 */
class SendAdmissionTest {

    private final MessageService messages = mock(MessageService.class);

    private final AdmissionGate gate = new AdmissionGate("sends", 1, Duration.ofMillis(500), new SimpleMeterRegistry());

    private final SendMessageController controller = new SendMessageController(messages, mock(SendForwarder.class),
            new MessagingProperties(4096, 50, 200, Duration.ofSeconds(10), 100, 100, 24, Duration.ofMinutes(10), 100),
            gate);

    private final Jwt alice = Jwt.withTokenValue("t").header("alg", "none").subject("alice").build();

    @Test
    void aSendBeyondTheLimitIsRefusedBeforeAnythingIsStored() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        given(messages.send(any(), any(), any())).willAnswer(invocation -> {
            storing.countDown();
            release.await(10, TimeUnit.SECONDS);
            return new MessageService.Outcome(stored(), false);
        });
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> send("c-1"));
        assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatExceptionOfType(ChatException.class).isThrownBy(() -> send("c-2")).satisfies(refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(refusal.retryAfter()).isBetween(Duration.ofMillis(500), Duration.ofMillis(750));
        });
        then(messages).should(times(1)).send(any(), any(), any());

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(gate.inFlight()).isZero();
        send("c-3");
        then(messages).should(times(2)).send(any(), any(), any());
    }

    @Test
    void aFailedSendLeavesTheGate() {
        given(messages.send(any(), any(), any())).willThrow(new ChatException(ErrorCode.UNKNOWN_USER, "No user 'bob'"));

        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(ChatException.class).isThrownBy(() -> send("c-1"))
                .satisfies(ex -> assertThat(ex.code()).isEqualTo(ErrorCode.UNKNOWN_USER));
        }
        assertThat(gate.inFlight()).isZero();
    }

    private Object send(String clientMsgId) {
        return controller
            .send(alice, "phone", new SendMessageRequest(clientMsgId, "bob", null, "hi", null), new HttpHeaders(),
                    new MockHttpServletRequest())
            .getStatusCode()
            .equals(HttpStatus.CREATED) ? "created" : "other";
    }

    private static StoredMessage stored() {
        return new StoredMessage(MessageId.of("m-1"), ConversationId.of("d:alice:bob"), 1, UserId.of("alice"),
                DeviceId.of("phone"), ClientMessageId.of("c-1"), "hi", List.of(), Instant.EPOCH);
    }

}
