package com.acme.chat.wsmanager.frame;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames that need messaging, relay or Kafka while those are down: the client gets a
 * retryable {@code service_unavailable} for that frame and the connection stays usable.
 * Kafka is away for the producer only (a dead bootstrap address, metadata waits and
 * publications cut to a second), so the topics are still declared and the context starts.
 * The template's observation is off here: before a send it looks the cluster id up
 * through an admin client of the producer's (dead) address, which would hold the sends
 * for the admin's operation timeout (30 s) and outlast the test's wait. (The successful
 * paths run in the end-to-end tests, with the real services.)
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-down-${random.uuid}",
        "chat.wsmanager.messaging-url=http://127.0.0.1:1", "chat.wsmanager.relay-url=http://127.0.0.1:1",
        "spring.kafka.producer.bootstrap-servers=127.0.0.1:1", "spring.kafka.producer.properties.max.block.ms=1000",
        "chat.kafka.publish-timeout=1s", "spring.kafka.template.observation-enabled=false" })
@Timeout(60)
class MessagingUnavailableIT {

    @LocalServerPort
    int port;

    @Test
    void sendMessageWithoutMessagingServiceAnswersServiceUnavailable() {
        String user = "d-" + UUID.randomUUID().toString().substring(0, 13);
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            client.next("hello");
            client.send("{\"type\":\"send_message\",\"id\":\"f-1\",\"clientMsgId\":\"" + UUID.randomUUID()
                    + "\",\"to\":\"bob\",\"text\":\"hi Bob\"}");

            JsonNode error = client.next();
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("id").asString()).isEqualTo("f-1");
            assertThat(error.path("code").asString()).isEqualTo("service_unavailable");
            assertThat(error.path("retryable").asBoolean()).isTrue();

            client.send("{\"type\":\"ping\",\"id\":\"p\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void ackDeliveryAndMarkReadWithoutTheirServicesAnswerServiceUnavailable() {
        String user = "d-" + UUID.randomUUID().toString().substring(0, 13);
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            client.next("hello");
            client.send(
                    "{\"type\":\"ack_delivery\",\"id\":\"a-1\",\"conversationId\":\"d:a:b\",\"messageIds\":[\"m-1\"]}");
            client.send("{\"type\":\"mark_read\",\"id\":\"r-1\",\"conversationId\":\"d:a:b\",\"seq\":3}");
            client.send("{\"type\":\"ping\",\"id\":\"p-1\"}");

            // Answers carry the frame's id; frames other than sends are handled side by
            // side, so their answers may come in any order.
            assertThat(client.awaitReply("a-1").path("code").asString()).isEqualTo("service_unavailable");
            assertThat(client.awaitReply("r-1").path("code").asString()).isEqualTo("service_unavailable");
            assertThat(client.awaitReply("p-1").path("type").asString()).isEqualTo("pong");
        }
    }

}
