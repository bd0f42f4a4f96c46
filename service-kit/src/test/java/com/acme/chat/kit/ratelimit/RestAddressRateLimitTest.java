package com.acme.chat.kit.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rest-ip} ahead of security: past the budget of an address its requests get 429
 * {@code rate_limited} without reaching the rest of the chain; other addresses go on.
 */
class RestAddressRateLimitTest {

    /** Like Boot's mapper: ProblemDetail's properties at the top level. */
    private static final JsonMapper JSON = JsonMapper.builder()
        .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
        .build();

    private final RestAddressRateLimit filter = new RestAddressRateLimit(
            RateLimiterTest.withoutRedis(RateLimitProperties.REST_IP, 2, 1, new SimpleMeterRegistry()), JSON);

    @Test
    void refusesAnAddressPastItsBudgetBeforeTheChain() throws Exception {
        assertThat(call("203.0.113.7").chained()).isTrue();
        assertThat(call("203.0.113.7").chained()).isTrue();

        Call refused = call("203.0.113.7");

        assertThat(refused.chained()).isFalse();
        assertThat(refused.response().getStatus()).isEqualTo(429);
        assertThat(refused.response().getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.response().getHeader("Retry-After")).isEqualTo("60");
        JsonNode problem = JSON.readTree(refused.response().getContentAsString());
        assertThat(problem.path("code").asString()).isEqualTo("rate_limited");
        assertThat(problem.path("detail").asString()).contains("(rest-ip)");
        assertThat(problem.path("retryAfterMs").asLong()).isPositive();
        assertThat(call("203.0.113.8").chained()).isTrue();
    }

    private Call call(String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/me");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Call(response, chain.getRequest() != null);
    }

    record Call(MockHttpServletResponse response, boolean chained) {
    }

}
