package com.acme.chat.messaging.user;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class UsersIT {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void meIsRegisteredFromTheTokenClaims() {
        String user = Api.strangerId("alice");
        String token = TestTokens.withClaims(user, Map.of("name", "Alice", "phone_number", "+15550100"));

        var response = api.request("/api/v1/users/me").bearer(token).get();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode me = json(response);
        assertThat(me.path("userId").asString()).isEqualTo(user);
        assertThat(me.path("userName").asString()).isEqualTo("Alice");
        assertThat(me.path("contact").asString()).isEqualTo("+15550100");
    }

    @Test
    void fallsBackToPreferredUsernameAndEmail() {
        String user = Api.strangerId("bob");
        String token = TestTokens.withClaims(user, Map.of("preferred_username", "bobby", "email", "bob@example.com"));

        JsonNode me = json(api.request("/api/v1/users/me").bearer(token).get());

        assertThat(me.path("userName").asString()).isEqualTo("bobby");
        assertThat(me.path("contact").asString()).isEqualTo("bob@example.com");
    }

    @Test
    void aUserExistsOnceTheyHaveAuthenticated() {
        String alice = api.newUser("alice");
        String carol = Api.strangerId("carol");
        assertProblem(api.get("/api/v1/users/" + carol, alice), 404, "unknown_user");

        // Any authenticated call registers, not only /users/me.
        assertThat(api.get("/api/v1/messages?limit=1", carol).statusCode()).isEqualTo(200);

        var response = api.get("/api/v1/users/" + carol, alice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("userId").asString()).isEqualTo(carol);
        assertThat(json(response).path("userName").asString()).isEqualTo("User " + carol);
    }

    @Test
    void malformedUserIdIsValidationFailed() {
        assertProblem(api.get("/api/v1/users/a:b", api.newUser("alice")), 400, "validation_failed");
    }

}
