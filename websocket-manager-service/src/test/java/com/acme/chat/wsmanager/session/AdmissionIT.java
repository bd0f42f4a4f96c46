package com.acme.chat.wsmanager.session;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.testsupport.StubRelay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past {@code chat.admission.max-in-flight-sends} (1 here), a send frame is answered
 * {@code overloaded} with {@code retryAfterMs} at once and never reaches messaging; the
 * same frame resent once there is room is stored. Messaging is a stub that holds each
 * send until the test lets it go.
 */
@ChatIntegrationTest
@TestPropertySource(
        properties = { "chat.wsmanager.handler-id=it-admit-${random.uuid}", "chat.wsmanager.downstream-timeout=20s",
                "chat.admission.max-in-flight-sends=1", "chat.admission.retry-after=200ms" })
@Timeout(60)
class AdmissionIT {

    private static final PipeliningIT.SlowMessaging MESSAGING = new PipeliningIT.SlowMessaging();

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        registry.add("chat.wsmanager.messaging-url", MESSAGING::url);
        StubRelay.use(registry);
    }

    @AfterAll
    static void stop() {
        MESSAGING.server.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void aSendBeyondTheLimitIsRefusedAsOverloadedAndItsResendIsStored() throws InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 13);
        try (WsClient first = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser("a-" + suffix));
                WsClient second = WsClient.connect(WsClient.local(port), "phone-1",
                        TestTokens.forUser("b-" + suffix))) {
            first.next("hello");
            second.next("hello");
            first.send(send("s-1", "c-1", "held"));
            assertThat(MESSAGING.arrived.await(10, TimeUnit.SECONDS)).isTrue();

            String refusedFrame = send("t-1", "c-2", "refused");
            second.send(refusedFrame);
            JsonNode refused = second.awaitReply("t-1");
            assertThat(refused.path("type").asString()).isEqualTo("error");
            assertThat(refused.path("code").asString()).isEqualTo("overloaded");
            assertThat(refused.path("retryable").asBoolean()).isTrue();
            assertThat(refused.path("retryAfterMs").asLong()).isBetween(200L, 300L);
            // second's ping is not gated
            second.send("{\"type\":\"ping\",\"id\":\"p-1\"}");
            assertThat(second.awaitReply("p-1").path("type").asString()).isEqualTo("pong");
            assertThat(MESSAGING.texts).containsExactly("held");

            MESSAGING.release.countDown();
            assertThat(first.awaitReply("s-1").path("type").asString()).isEqualTo("ack");

            second.send(refusedFrame.replace("t-1", "t-2"));
            assertThat(second.awaitReply("t-2").path("type").asString()).isEqualTo("ack");
            assertThat(MESSAGING.texts).containsExactly("held", "refused");
        }
    }

    private static String send(String id, String clientMsgId, String text) {
        return "{\"type\":\"send_message\",\"id\":\"" + id + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"to\":\"bob\",\"text\":\"" + text + "\"}";
    }

}
