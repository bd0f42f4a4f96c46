package com.acme.chat.wsmanager.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.wsmanager.testsupport.StubRelay;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.localstack.Component;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.PrivateServers;
import com.acme.chat.testsupport.OutageContract;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis holds only rebuildable state: after a Redis restart (all routes lost) open
 * connections stay open, their routes come back with the next heartbeat, and the handler
 * channel delivers again; readiness follows the outage. Runs against a private Redis
 * ({@link PrivateServers}), so the restart disturbs nothing else.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-restart-${random.uuid}", "chat.wsmanager.heartbeat=1s",
        "chat.wsmanager.route-ttl=5s" })
class RedisRestartIT extends OutageContract {

    private static Component privateRedis;

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        privateRedis = PrivateServers.redis(registry);
        StubRelay.use(registry);
    }

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    WsManagerProperties properties;

    @Autowired
    RouteKeys keys;

    @Test
    void routesAndHandlerChannelRecoverAfterRedisRestart() throws Exception {
        String user = "r-" + UUID.randomUUID().toString().substring(0, 13);
        String routeKey = keys.route(UserId.of(user), DeviceId.of("phone-1"));
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            String connection = client.next("hello").path("connectionId").asString();
            Thread pinger = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        client.send("{\"type\":\"ping\",\"id\":\"hb\"}");
                        Thread.sleep(250);
                    }
                    catch (InterruptedException | RuntimeException ex) {
                        return;
                    }
                }
            });
            pinger.start();
            try {
                PrivateServers.stop(privateRedis);
                PrivateServers.start(privateRedis);

                await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(redis.opsForValue().get(routeKey).block(Duration.ofSeconds(2)))
                        .isEqualTo(RouteKeys.routeValue(properties.handlerId(), connection)));

                MessageFrame message = new MessageFrame(MessageId.of("m-" + UUID.randomUUID()),
                        ConversationId.direct(UserId.of(user), UserId.of("bob")), 1, UserId.of("bob"), null, null,
                        "after restart", List.of(), Instant.now());
                String deliver = Json
                    .write(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), connection, message));
                await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> redis.convertAndSend(keys.handlerChannel(properties.handlerId()), deliver)
                        .block(Duration.ofSeconds(2)), receivers -> receivers > 0);

                JsonNode pushed = client.next("message");
                assertThat(pushed.path("messageId").asString()).isEqualTo(message.messageId().value());
                assertThat(client.isClosed()).isFalse();
            }
            finally {
                pinger.interrupt();
                pinger.join(2000);
            }
        }
    }

    @Override
    protected String server() {
        return "redis";
    }

}
