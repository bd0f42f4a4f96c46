package com.acme.chat.messaging.message;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;

import static com.acme.chat.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-address limits behind a trusted proxy (the test client on loopback plays the
 * ingress, trusted by default): REST calls and sends count against the address the proxy
 * forwards in {@code X-Forwarded-For}, what a client prepends to that header counts for
 * nothing, and other addresses are untouched.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.rate-limits.enabled=true", "chat.rate-limits.rules.rest-ip.capacity=6",
        "chat.rate-limits.rules.rest-ip.refill-tokens=1", "chat.rate-limits.rules.rest-ip.refill-period=60s",
        "chat.rate-limits.rules.send-ip.capacity=3", "chat.rate-limits.rules.send-ip.refill-tokens=1",
        "chat.rate-limits.rules.send-ip.refill-period=60s",
        // A second context: keep its receipts listener out of the shared consumer group.
        "spring.kafka.listener.auto-startup=false" })
class ClientAddressRateLimitIT {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void restCallsAreLimitedByTheAddressTheProxyForwards() {
        String client = freshAddress();
        String alice = newUser("alice");
        for (int i = 0; i < 6; i++) {
            assertThat(me(alice, client).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = me(alice, client);
        assertProblem(refused, 429, "rate_limited");
        assertThat(Http.json(refused).path("detail").asString()).contains("(rest-ip)");
        assertThat(Http.json(refused).path("retryAfterMs").asLong()).isPositive();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        // Before the token is looked at: no token is no way around it.
        assertProblem(api.request("/api/v1/users/me").header(FORWARDED_FOR, client).get(), 429, "rate_limited");
        // A client can prepend what it likes; the proxy appends what it saw.
        assertProblem(
                api.request("/api/v1/users/me", alice).header(FORWARDED_FOR, freshAddress() + ", " + client).get(), 429,
                "rate_limited");

        assertThat(me(alice, freshAddress()).statusCode()).isEqualTo(200);
        assertThat(me(newUser("bob"), freshAddress()).statusCode()).isEqualTo(200);
    }

    @Test
    void sendsAreLimitedByTheAddressTheProxyForwards() {
        String client = freshAddress();
        String alice = newUser("alice");
        String bob = newUser("bob");
        String carol = newUser("carol");
        for (int i = 0; i < 3; i++) {
            assertThat(send(alice, bob, client).statusCode()).isEqualTo(201);
        }

        // Another user behind the same address: the address's budget is spent.
        HttpResponse<String> refused = send(carol, bob, client);
        assertProblem(refused, 429, "rate_limited");
        assertThat(Http.json(refused).path("detail").asString()).contains("(send-ip)");

        assertThat(send(carol, bob, freshAddress()).statusCode()).isEqualTo(201);
        assertThat(send(alice, bob, freshAddress()).statusCode()).isEqualTo(201);
    }

    /** A user registered from an address of its own, so setup spends no test budget. */
    private String newUser(String prefix) {
        String user = Api.strangerId(prefix);
        assertThat(me(user, freshAddress()).statusCode()).isEqualTo(200);
        return user;
    }

    private HttpResponse<String> me(String user, String client) {
        return api.request("/api/v1/users/me", user).header(FORWARDED_FOR, client).get();
    }

    private HttpResponse<String> send(String from, String to, String client) {
        return api.request("/api/v1/messages", from)
            .header(FORWARDED_FOR, client)
            .post(Json.object("clientMsgId", Api.newClientMsgId(), "to", to, "text", "hi"));
    }

    /** An address of TEST-NET-3 (RFC 5737) that no other test of this context uses. */
    private static String freshAddress() {
        return "203.0.113." + NEXT.getAndIncrement();
    }

}
