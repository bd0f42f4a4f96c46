package com.acme.chat.wsmanager.session;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.wsmanager.testsupport.StubRelay;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.testsupport.PresenceEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeat, token expiry and route refresh, with a 1 s heartbeat and a 3 s route TTL so
 * they happen within a test.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-timers-${random.uuid}", "chat.wsmanager.heartbeat=1s",
        "chat.wsmanager.route-ttl=3s" })
@Timeout(60)
class ConnectionTimersIT {

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        StubRelay.use(registry);
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    RouteKeys keys;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    WsManagerProperties properties;

    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopPinging() {
        pinger.shutdownNow();
    }

    private static String freshUser() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private String routeKey(String user, String device) {
        return keys.route(UserId.of(user), DeviceId.of(device));
    }

    private void keepAlive(WsClient client) {
        pinger.scheduleAtFixedRate(() -> client.send("{\"type\":\"ping\",\"id\":\"hb\"}"), 0, 250,
                TimeUnit.MILLISECONDS);
    }

    @Test
    void helloAnnouncesTheConfiguredHeartbeat() {
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(freshUser()))) {
            assertThat(client.next("hello").path("heartbeatIntervalSeconds").asInt()).isEqualTo(1);
        }
    }

    @Test
    void silentConnectionIsClosedWith4003() {
        String user = freshUser();
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            client.next("hello");
            // The route exists while the connection is open, so its absence below is the
            // close's doing.
            assertThat(redis.hasKey(routeKey(user, "phone-1")).block(WAIT)).isTrue();

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(4003);
            await().atMost(WAIT)
                .untilAsserted(() -> assertThat(redis.hasKey(routeKey(user, "phone-1")).block(WAIT)).isFalse());
        }
    }

    @Test
    void pingsKeepTheConnectionUntilTheTokenExpiresThenItClosesWith4002() {
        Instant expiresAt = Instant.now().plusSeconds(4);
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1",
                TestTokens.expiringAt(freshUser(), expiresAt))) {
            client.next("hello");
            keepAlive(client);

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(4002);
            // A JWT's exp has whole seconds.
            assertThat(Instant.now()).isAfterOrEqualTo(expiresAt.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Test
    void heartbeatKeepsTheRouteAliveAndRewritesAMissingOne() {
        String user = freshUser();
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            String connection = client.next("hello").path("connectionId").asString();
            keepAlive(client);
            String expected = RouteKeys.routeValue(properties.handlerId(), connection);

            await().pollDelay(Duration.ofSeconds(4))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(redis.opsForValue().get(routeKey(user, "phone-1")).block(WAIT))
                    .isEqualTo(expected));

            redis.delete(routeKey(user, "phone-1"), keys.devices(UserId.of(user))).block(WAIT);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(redis.opsForValue().get(routeKey(user, "phone-1")).block(WAIT)).isEqualTo(expected);
                assertThat(redis.opsForSet().isMember(keys.devices(UserId.of(user)), "phone-1").block(WAIT)).isTrue();
            });
        }
    }

    @Test
    void routeTakenByAnotherHandlerClosesTheConnectionWith4001() {
        String user = freshUser();
        try (PresenceEvents presence = new PresenceEvents(namespace, user);
                WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            String connection = client.next("hello").path("connectionId").asString();
            keepAlive(client);

            // As if the device connected to another handler and the evict message was
            // lost.
            redis.opsForValue()
                .set(routeKey(user, "phone-1"), RouteKeys.routeValue("it-elsewhere", "c-newer"))
                .block(WAIT);

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(4001);
            // The closed connection's cleanup has run once its device_disconnected is
            // out; only then does the route below prove that cleanup left it alone.
            presence.awaitDisconnected(connection);
            assertThat(redis.opsForValue().get(routeKey(user, "phone-1")).block(WAIT))
                .isEqualTo(RouteKeys.routeValue("it-elsewhere", "c-newer"));
        }
    }

}
