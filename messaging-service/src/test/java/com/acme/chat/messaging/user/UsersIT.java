package com.acme.chat.messaging.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
    void yourOwnIdAnswersLikeMe() {
        String phone = newPhone();
        String alice = registered("Alice", phone);

        var response = api.request("/api/v1/users/" + alice).bearer(token(alice, "Alice", phone)).get();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("contact").asString()).isEqualTo(phone);
    }

    @Test
    void anotherAccountNeverSeesYourPhoneOrEmail() {
        String phone = newPhone();
        String alice = registered("Alice", phone);
        String bob = registered("Bob", "bob-" + UUID.randomUUID() + "@example.com");
        api.sent(bob, alice, "hi");

        var response = api.get("/api/v1/users/" + alice, bob);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).has("contact")).as(response.body()).isFalse();
        assertThat(response.body()).doesNotContain(phone);
        var reverse = api.get("/api/v1/users/" + bob, alice);
        assertThat(json(reverse).has("contact")).as(reverse.body()).isFalse();
        assertThat(reverse.body()).doesNotContain("@example.com");
    }

    @Test
    void aStrangerGetsTheSameAnswerAsForAUserThatDoesNotExist() {
        String alice = api.newUser("alice");
        String carol = api.newUser("carol");
        String nobody = Api.strangerId("carol");

        var existing = api.get("/api/v1/users/" + carol, alice);
        var missing = api.get("/api/v1/users/" + nobody, alice);

        assertProblem(existing, 404, "unknown_user");
        assertProblem(missing, 404, "unknown_user");
        assertThat(withoutTrace(existing.body().replace(carol, "ID")))
            .isEqualTo(withoutTrace(missing.body().replace(nobody, "ID")));
    }

    @Test
    void afterAMessageEitherSideSeesTheOthersName() {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        assertProblem(api.get("/api/v1/users/" + bob, alice), 404, "unknown_user");

        api.sent(alice, bob, "hello");

        JsonNode bobSeen = json(api.get("/api/v1/users/" + bob, alice));
        assertThat(bobSeen.path("userId").asString()).isEqualTo(bob);
        assertThat(bobSeen.path("userName").asString()).isEqualTo("User " + bob);
        JsonNode aliceSeen = json(api.get("/api/v1/users/" + alice, bob));
        assertThat(aliceSeen.path("userName").asString()).isEqualTo("User " + alice);
    }

    @Test
    void malformedUserIdIsValidationFailed() {
        assertProblem(api.get("/api/v1/users/a:b", api.newUser("alice")), 400, "validation_failed");
    }

    @Test
    void discoveryFindsUsersByTheHashOfTheirContactNotByThePlainValue() {
        String phone = newPhone();
        String alice = registered("Alice", phone);
        String email = "Bob-" + UUID.randomUUID() + "@Example.com";
        String bob = registered("Bob", email);
        String carol = api.newUser("carol");

        // An address-book spelling of the number normalises to the same hash.
        var found = api.discover(carol, hash("+1 " + phone.substring(2)), hash(email.toLowerCase()), hash(newPhone()));

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(found).path("users").forEach(user -> {
            ids.add(user.path("userId").asString());
            assertThat(user.has("contact")).isFalse();
        });
        assertThat(ids).containsExactlyInAnyOrder(alice, bob);
        assertThat(found.body()).contains("\"Alice\"").doesNotContain(phone);

        assertProblem(api.discover(carol, phone, email), 400, "validation_failed");
    }

    @Test
    void discoveryNeverAnswersTheCaller() {
        String phone = newPhone();
        String alice = registered("Alice", phone);

        var found = api.discover(alice, hash(phone));

        assertThat(json(found).path("users").size()).as(found.body()).isZero();
    }

    @Test
    void discoveryRefusesMoreThanAThousandHashes() {
        String carol = api.newUser("carol");
        String[] hashes = new String[1001];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = hash(newPhone());
        }

        assertProblem(api.discover(carol, hashes), 400, "validation_failed");
        assertThat(api.discover(carol, java.util.Arrays.copyOf(hashes, 1000)).statusCode()).isEqualTo(200);
    }

    /** A fresh user, registered with a name and a phone number or e-mail. */
    private String registered(String name, String contact) {
        String user = Api.strangerId(name.toLowerCase());
        var response = api.request("/api/v1/users/me").bearer(token(user, name, contact)).get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return user;
    }

    private static String token(String user, String name, String contact) {
        return TestTokens.withClaims(user,
                Map.of("name", name, contact.contains("@") ? "email" : "phone_number", contact));
    }

    /** A fresh E.164 number, so tests on shared servers never meet each other's. */
    static String newPhone() {
        return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000))
                + ThreadLocalRandom.current().nextInt(10);
    }

    static String hash(String contact) {
        return ContactHash.of(contact).orElseThrow();
    }

    private static String withoutTrace(String body) {
        return body.replaceAll("\"traceId\"\\s*:\\s*\"[0-9a-f]*\"", "");
    }

}
