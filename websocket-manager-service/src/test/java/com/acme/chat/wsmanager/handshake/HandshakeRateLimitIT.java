package com.acme.chat.wsmanager.handshake;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.testsupport.StubRelay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes and tickets past their limits, on real Redis: 429 {@code rate_limited} with
 * the advised wait, per user and per client address, other users untouched.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-rl-${random.uuid}", "chat.rate-limits.enabled=true",
        "chat.rate-limits.rules.connect.capacity=3", "chat.rate-limits.rules.connect.refill-tokens=1",
        "chat.rate-limits.rules.connect.refill-period=60s", "chat.rate-limits.rules.connect-ip.capacity=8",
        "chat.rate-limits.rules.connect-ip.refill-tokens=1", "chat.rate-limits.rules.connect-ip.refill-period=60s",
        "chat.rate-limits.rules.ticket.capacity=2", "chat.rate-limits.rules.ticket.refill-tokens=1",
        "chat.rate-limits.rules.ticket.refill-period=60s" })
@Timeout(60)
class HandshakeRateLimitIT {

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        StubRelay.use(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void connectsAreLimitedPerUserAndPerAddress() {
        String alice = freshUser();
        for (int i = 0; i < 3; i++) {
            connect(alice).close();
        }
        assertRateLimited(handshake(alice).refused(), "connect");

        connect(freshUser()).close();
        // Eight from this address so far (the refused one counted): the next is refused
        // whoever it is.
        connect(freshUser()).close();
        connect(freshUser()).close();
        connect(freshUser()).close();
        assertRateLimited(handshake(freshUser()).refused(), "connect-ip");
    }

    @Test
    void ticketsAreLimitedPerUser() {
        String bob = freshUser();
        assertThat(ticket(bob).statusCode()).isEqualTo(201);
        assertThat(ticket(bob).statusCode()).isEqualTo(201);
        HttpResponse<String> refused = ticket(bob);
        Http.assertProblem(refused, 429, "rate_limited");
        assertThat(Http.json(refused).path("retryAfterMs").asLong()).isPositive();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(ticket(freshUser()).statusCode()).isEqualTo(201);
    }

    private static void assertRateLimited(WsClient.Refusal refusal, String rule) {
        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.body().path("code").asString()).isEqualTo("rate_limited");
        assertThat(refusal.body().path("detail").asString()).contains("(" + rule + ")");
        assertThat(refusal.body().path("retryAfterMs").asLong()).isPositive();
    }

    private WsClient connect(String user) {
        return handshake(user).connect();
    }

    private WsClient.Handshake handshake(String user) {
        return WsClient.to(WsClient.local(port)).deviceId("phone").bearer(TestTokens.forUser(user));
    }

    private HttpResponse<String> ticket(String user) {
        return Http.request("http://127.0.0.1:" + port + "/api/v1/ws-tickets")
            .bearer(TestTokens.forUser(user))
            .post(Json.object("deviceId", "web-1"));
    }

    private static String freshUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 13);
    }

}
