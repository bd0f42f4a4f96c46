package com.acme.chat.wsmanager.handshake;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.testsupport.StubMessaging;
import com.acme.chat.wsmanager.testsupport.StubRelay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's address behind a trusted proxy (the test client on loopback plays the
 * ingress, trusted by default): handshakes and tickets are limited by the address the
 * proxy forwards in {@code X-Forwarded-For}, not by the proxy's, and what a client
 * prepends counts for nothing; the address travels on to messaging with the user's sends.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-ca-${random.uuid}", "chat.rate-limits.enabled=true",
        "chat.rate-limits.rules.connect-ip.capacity=3", "chat.rate-limits.rules.connect-ip.refill-tokens=1",
        "chat.rate-limits.rules.connect-ip.refill-period=60s", "chat.rate-limits.rules.ticket-ip.capacity=2",
        "chat.rate-limits.rules.ticket-ip.refill-tokens=1", "chat.rate-limits.rules.ticket-ip.refill-period=60s" })
@Timeout(60)
class ClientAddressIT {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final StubMessaging MESSAGING = new StubMessaging();

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        registry.add("chat.wsmanager.messaging-url", MESSAGING::url);
        StubRelay.use(registry);
    }

    @AfterAll
    static void stopStub() {
        MESSAGING.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void connectsAreLimitedByTheAddressTheProxyForwards() {
        String client = freshAddress();
        for (int i = 0; i < 3; i++) {
            handshake(freshUser(), client).connect().close();
        }

        WsClient.Refusal refused = handshake(freshUser(), client).refused();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.body().path("detail").asString()).contains("(connect-ip)");
        // A client can prepend what it likes; the proxy appends what it saw.
        assertThat(handshake(freshUser(), freshAddress() + ", " + client).refused().status()).isEqualTo(429);

        handshake(freshUser(), freshAddress()).connect().close();
    }

    @Test
    void ticketsAreLimitedByTheAddressTheProxyForwards() {
        String client = freshAddress();
        assertThat(ticket(freshUser(), client).statusCode()).isEqualTo(201);
        assertThat(ticket(freshUser(), client).statusCode()).isEqualTo(201);

        HttpResponse<String> refused = ticket(freshUser(), client);
        Http.assertProblem(refused, 429, "rate_limited");
        assertThat(Http.json(refused).path("detail").asString()).contains("(ticket-ip)");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        assertThat(ticket(freshUser(), freshAddress()).statusCode()).isEqualTo(201);
    }

    @Test
    void theClientsAddressReachesMessagingWithItsSends() {
        String client = freshAddress();
        String token = TestTokens.forUser(freshUser());
        try (WsClient socket = WsClient.to(WsClient.local(port))
            .deviceId("phone")
            .bearer(token)
            .header(FORWARDED_FOR, client)
            .connect()) {
            socket.next("hello");

            socket.sendMessage("bob", UUID.randomUUID().toString(), "hi");

            assertThat(MESSAGING.awaitSendWith(token).forwardedFor()).isEqualTo(client);
        }
    }

    private WsClient.Handshake handshake(String user, String forwardedFor) {
        return WsClient.to(WsClient.local(port))
            .deviceId("phone")
            .bearer(TestTokens.forUser(user))
            .header(FORWARDED_FOR, forwardedFor);
    }

    private HttpResponse<String> ticket(String user, String client) {
        return Http.request("http://127.0.0.1:" + port + "/api/v1/ws-tickets")
            .bearer(TestTokens.forUser(user))
            .header(FORWARDED_FOR, client)
            .post(Json.object("deviceId", "web-1"));
    }

    private static String freshUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** An address of TEST-NET-3 (RFC 5737) that no other test of this context uses. */
    private static String freshAddress() {
        return "203.0.113." + NEXT.getAndIncrement();
    }

}
