package com.acme.chat.group.group;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group API spends service-kit's per-user {@code rest} budget, kept in Redis like on
 * every servlet service (protocol §6.1).
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.rate-limits.enabled=true", "chat.rate-limits.rules.rest.capacity=3",
        "chat.rate-limits.rules.rest.refill-tokens=3", "chat.rate-limits.rules.rest.refill-period=1h" })
class GroupRateLimitIT {

    @LocalServerPort
    int port;

    @Test
    void refusesAUserPastTheirRestBudget() {
        String user = "limited-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(list(user).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = list(user);

        assertProblem(refused, 429, "rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(list("other-" + UUID.randomUUID()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> list(String user) {
        return Http.request(Http.local(port, "/api/v1/groups")).bearer(TestTokens.forUser(user)).get();
    }

}
