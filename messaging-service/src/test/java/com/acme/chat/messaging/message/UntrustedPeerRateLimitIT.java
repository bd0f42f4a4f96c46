package com.acme.chat.messaging.message;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;

import static com.acme.chat.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that is not a trusted proxy (here the test client on loopback, with only
 * TEST-NET-1 trusted) is limited by its own address whatever its {@code X-Forwarded-For}
 * says: a new made-up address every request buys no new budget.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.web.trusted-proxies=192.0.2.0/24", "chat.rate-limits.enabled=true",
        "chat.rate-limits.rules.rest-ip.capacity=4", "chat.rate-limits.rules.rest-ip.refill-tokens=1",
        "chat.rate-limits.rules.rest-ip.refill-period=60s",
        // A second context: keep its receipts listener out of the shared consumer group.
        "spring.kafka.listener.auto-startup=false" })
class UntrustedPeerRateLimitIT {

    @LocalServerPort
    int port;

    @Test
    void anUntrustedPeerIsLimitedByItsOwnAddress() {
        Api api = new Api(port);
        String alice = Api.strangerId("alice");
        for (int i = 1; i <= 4; i++) {
            assertThat(me(api, alice, "203.0.113." + i).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = me(api, alice, "203.0.113.5");

        assertProblem(refused, 429, "rate_limited");
        assertThat(Http.json(refused).path("detail").asString()).contains("(rest-ip)");
    }

    private static HttpResponse<String> me(Api api, String user, String claimed) {
        return api.request("/api/v1/users/me", user).header("X-Forwarded-For", claimed).get();
    }

}
