package com.acme.chat.messaging.user;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.messaging.user.UsersIT.hash;
import static com.acme.chat.messaging.user.UsersIT.newPhone;
import static com.acme.chat.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code discover} limit on real Redis counts hashes, not requests: once a user's
 * budget is spent, discovery answers 429 {@code rate_limited} while another user still
 * discovers.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.rate-limits.enabled=true", "chat.rate-limits.rules.discover.capacity=5",
        "chat.rate-limits.rules.discover.refill-tokens=5", "chat.rate-limits.rules.discover.refill-period=1h",
        // A second context: keep its receipts listener out of the shared consumer group.
        "spring.kafka.listener.auto-startup=false" })
class DiscoverRateLimitIT {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void hashesPastTheBudgetAreRefused() {
        String carol = api.newUser("carol");
        String dave = api.newUser("dave");

        assertThat(api.discover(carol, hash(newPhone()), hash(newPhone()), hash(newPhone())).statusCode())
            .isEqualTo(200);
        HttpResponse<String> refused = api.discover(carol, hash(newPhone()), hash(newPhone()), hash(newPhone()));

        assertProblem(refused, 429, "rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.discover(carol, hash(newPhone()), hash(newPhone())).statusCode()).as("the rest of the budget")
            .isEqualTo(200);
        assertThat(api.discover(dave, hash(newPhone()), hash(newPhone()), hash(newPhone())).statusCode())
            .as("another user")
            .isEqualTo(200);
    }

}
