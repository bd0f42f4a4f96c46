package com.acme.chat.messaging.message;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.kit.ratelimit.RateLimiter;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-user send limits, on real Redis: a burst past the rule is refused with 429
 * {@code rate_limited} and an advised wait, nothing refused is stored, other users are
 * untouched, and the user sends again once the bucket refilled.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.rate-limits.enabled=true", "chat.rate-limits.rules.send.capacity=20",
        "chat.rate-limits.rules.send.refill-tokens=10", "chat.rate-limits.rules.send.refill-period=1s",
        "chat.rate-limits.rules.rest.capacity=1000", "chat.rate-limits.rules.rest.refill-tokens=1000",
        "chat.rate-limits.rules.rest.refill-period=1s", "chat.rate-limits.rules.discover.capacity=3",
        "chat.rate-limits.rules.discover.refill-tokens=3", "chat.rate-limits.rules.discover.refill-period=1d",
        // A second context: keep its receipts listener out of the shared consumer group.
        "spring.kafka.listener.auto-startup=false" })
class SendRateLimitIT {

    @LocalServerPort
    int port;

    @Autowired(required = false)
    RateLimiter limiter;

    @Autowired
    MeterRegistry meters;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aHundredSendsInASecondArePartlyRefusedAndOnlyTheAcceptedAreStored() throws Exception {
        assertThat(limiter).as("the rate limiter").isNotNull();
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        String carol = api.newUser("carol");

        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            sends.add(api.sendAsync(alice, bob, Api.newClientMsgId(), "burst " + i));
            Thread.sleep(10);
        }
        int accepted = 0;
        long shortestWait = Long.MAX_VALUE;
        for (CompletableFuture<HttpResponse<String>> send : sends) {
            HttpResponse<String> response = send.get();
            if (response.statusCode() == 201) {
                accepted++;
                continue;
            }
            assertProblem(response, 429, "rate_limited");
            long waitMs = json(response).path("retryAfterMs").asLong();
            assertThat(waitMs).isBetween(1L, 1_000L);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            shortestWait = Math.min(shortestWait, waitMs);
        }
        assertThat(meters.find("chat.rate_limits.unavailable").counter().count()).as("checks without Redis").isZero();
        double seconds = (System.nanoTime() - started) / 1e9;
        // 20 at once, then 10 a second for as long as the burst took (plus one for
        // rounding).
        assertThat(accepted).isBetween(20, 20 + (int) Math.ceil(seconds * 10) + 1);
        assertThat(100 - accepted).as("refused").isGreaterThan(50);

        JsonNode history = json(api.get("/api/v1/messages?limit=200", bob));
        assertThat(history.path("messages").size()).as("only accepted sends are stored").isEqualTo(accepted);

        // Another user sends at once, the limited one again after the wait.
        assertThat(api.send(carol, bob, Api.newClientMsgId(), "hello").statusCode()).isEqualTo(201);
        Thread.sleep(Duration.ofMillis(shortestWait).plusMillis(150).toMillis());
        assertThat(api.send(alice, bob, Api.newClientMsgId(), "after the wait").statusCode()).isEqualTo(201);
    }

    @Test
    void openingConversationsAndAskingForStrangersSpendTheDiscoveryBudget() {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        String carol = api.newUser("carol");
        String dave = api.newUser("dave");

        // One token to open the conversation with bob; its next message is free.
        assertThat(api.send(alice, bob, Api.newClientMsgId(), "hi bob").statusCode()).isEqualTo(201);
        assertThat(api.send(alice, bob, Api.newClientMsgId(), "again").statusCode()).isEqualTo(201);
        // One token for learning that an id is nobody's.
        assertProblem(api.send(alice, Api.strangerId("nobody"), Api.newClientMsgId(), "anyone?"), 404, "unknown_user");
        assertThat(api.send(alice, carol, Api.newClientMsgId(), "hi carol").statusCode()).isEqualTo(201);

        // Budget spent: a stranger and a user alike get the same refusal, so existence
        // stays hidden; dave got nothing.
        assertProblem(api.send(alice, dave, Api.newClientMsgId(), "hi dave"), 429, "rate_limited");
        assertProblem(api.send(alice, Api.strangerId("nobody"), Api.newClientMsgId(), "anyone?"), 429, "rate_limited");
        assertThat(json(api.get("/api/v1/messages", dave)).path("messages").size()).isZero();
        // Conversations already open are not affected, nor is another user.
        assertThat(api.send(alice, bob, Api.newClientMsgId(), "still here").statusCode()).isEqualTo(201);
        assertThat(api.send(dave, carol, Api.newClientMsgId(), "hi carol").statusCode()).isEqualTo(201);
    }

}
