package com.acme.chat.wsmanager.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
import com.acme.chat.wsmanager.testsupport.StubServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow send does not hold up the connection's other frames, and a connection's sends
 * still reach messaging one after another in the order they were sent. Messaging is a
 * stub that keeps each send waiting until the test lets it go.
 */
@ChatIntegrationTest
@TestPropertySource(
        properties = { "chat.wsmanager.handler-id=it-pipe-${random.uuid}", "chat.wsmanager.downstream-timeout=20s" })
@Timeout(60)
class PipeliningIT {

    private static final SlowMessaging MESSAGING = new SlowMessaging();

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
    void pingsAndAcksGoPastASlowSendAndSendsKeepTheirOrder() throws InterruptedException {
        String user = "p-" + UUID.randomUUID().toString().substring(0, 13);
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            client.next("hello");
            client.send(send("s-1", "first"));
            client.send(send("s-2", "second"));
            client.send("{\"type\":\"ping\",\"id\":\"p-1\"}");
            client.send(
                    "{\"type\":\"ack_delivery\",\"id\":\"a-1\",\"conversationId\":\"d:a:b\",\"messageIds\":[\"m-1\"]}");

            assertThat(client.awaitReply("p-1").path("type").asString()).isEqualTo("pong");
            assertThat(client.awaitReply("a-1").path("type").asString()).isEqualTo("ack");
            assertThat(client.find(null, frame -> frame.path("id").asString().startsWith("s-"))).isEmpty();
            // Only the first send has reached messaging: the second waits its turn.
            assertThat(MESSAGING.arrived.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(MESSAGING.texts).containsExactly("first");

            MESSAGING.release.countDown();

            JsonNode first = client.awaitReply("s-1");
            JsonNode second = client.awaitReply("s-2");
            assertThat(first.path("seq").asLong()).isEqualTo(1);
            assertThat(second.path("seq").asLong()).isEqualTo(2);
            assertThat(MESSAGING.texts).containsExactly("first", "second");
        }
    }

    private static String send(String id, String text) {
        return "{\"type\":\"send_message\",\"id\":\"" + id + "\",\"clientMsgId\":\"" + UUID.randomUUID()
                + "\",\"to\":\"bob\",\"text\":\"" + text + "\"}";
    }

    /**
     * Messaging that answers every send only after {@link #release}, with seq counting
     * up; other calls are answered at once.
     */
    static final class SlowMessaging {

        final StubServer server = new StubServer("slow-messaging", this::answer);

        final List<String> texts = Collections.synchronizedList(new ArrayList<>());

        final CountDownLatch arrived = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        String url() {
            return server.url();
        }

        private StubServer.Answer answer(StubServer.Request request) {
            if (!request.path().equals("/api/v1/messages")) {
                return StubServer.Answer.json(200, "{}");
            }
            texts.add(request.body().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1"));
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return StubServer.Answer.json(201,
                    "{\"messageId\":\"m-" + UUID.randomUUID() + "\",\"conversationId\":\"d:bob:p\",\"seq\":"
                            + texts.size() + ",\"sentAt\":\"2026-11-30T10:00:00Z\",\"duplicate\":false}");
        }

    }

}
