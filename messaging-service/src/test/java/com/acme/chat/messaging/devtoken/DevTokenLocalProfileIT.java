package com.acme.chat.messaging.devtoken;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static com.acme.chat.testsupport.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The local profile's dev token endpoint, reachable without a token. (The test secret
 * replaces the local one, so tokens are checked exactly as in the other tests.)
 */
@ChatIntegrationTest
@ActiveProfiles({ "test", "local" })
// A second context: keep its receipts listener out of the shared consumer group.
@TestPropertySource(properties = "spring.kafka.listener.auto-startup=false")
class DevTokenLocalProfileIT {

    @LocalServerPort
    int port;

    @Test
    void issuesATokenThatAuthenticatesAsTheGivenUser() {
        Api api = new Api(port);
        String user = Api.strangerId("alice");

        var response = api.request("/dev/tokens")
            .post(object("userId", user, "name", "Alice", "contact", "+15550100", "ttlSeconds", 600));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode token = json(response);
        assertThat(token.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(Instant.parse(token.path("expiresAt").asString()))
            .isCloseTo(Instant.now().plus(Duration.ofSeconds(600)), within(Duration.ofSeconds(30)));
        JsonNode me = json(api.request("/api/v1/users/me").bearer(token.path("accessToken").asString()).get());
        assertThat(me.path("userId").asString()).isEqualTo(user);
        assertThat(me.path("userName").asString()).isEqualTo("Alice");
        assertThat(me.path("contact").asString()).isEqualTo("+15550100");
    }

    @Test
    void defaultsToOneHour() {
        JsonNode token = json(new Api(port).request("/dev/tokens").post(object("userId", Api.strangerId("bob"))));
        assertThat(Instant.parse(token.path("expiresAt").asString())).isCloseTo(Instant.now().plus(Duration.ofHours(1)),
                within(Duration.ofSeconds(30)));
    }

    @Test
    void rejectsInvalidUserIdsAndLifetimes() {
        Api api = new Api(port);
        assertProblem(api.request("/dev/tokens").post(object("userId", "a:b")), 400, "validation_failed");
        assertProblem(api.request("/dev/tokens").post(object("name", "nobody")), 400, "validation_failed");
        assertProblem(api.request("/dev/tokens").post(object("userId", "alice", "ttlSeconds", 86401)), 400,
                "validation_failed");
        assertProblem(api.request("/dev/tokens").post(object("userId", "alice", "ttlSeconds", 0)), 400,
                "validation_failed");
    }

}
