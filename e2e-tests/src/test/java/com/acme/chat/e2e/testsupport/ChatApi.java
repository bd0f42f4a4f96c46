package com.acme.chat.e2e.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.acme.chat.testsupport.LocalServers;

/**
 * The REST side of the protocol, against the tests' own services, plus fresh users with
 * tokens from the dev token endpoint (POST /dev/tokens), as a client of the local stack
 * would get them.
 */
public final class ChatApi {

    /**
     * The tests' own services ({@code it-*}, see
     * {@link LocalServers#ensureTestServices}), never a developer's {@code ./chatctl up}
     * stack on 8080-8085.
     */
    public static final String WS_URL = LocalServers.testServiceUrl("websocket-manager").replace("http:", "ws:")
            + "/ws";

    public static final String MESSAGING = LocalServers.testServiceUrl("messaging");

    public static final String RELAY = LocalServers.testServiceUrl("relay");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private ChatApi() {
    }

    /**
     * The shared servers (reused or started) and the tests' own six services, started for
     * this run in its namespace.
     */
    public static void ensureStack() {
        LocalServers.ensureTestServices();
    }

    /**
     * A new user with a unique id, registered by a first authenticated call, and their
     * token.
     */
    public static User newUser(String name) {
        String userId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode token = ChatClient.JSON
            .readTree(post(MESSAGING + "/dev/tokens", null, "{\"userId\":\"" + userId + "\",\"name\":\"" + name + "\"}")
                .body());
        User user = new User(userId, token.path("accessToken").asString());
        HttpResponse<String> me = get(MESSAGING + "/api/v1/users/me", user.token());
        if (me.statusCode() != 200) {
            throw new IllegalStateException("registering " + userId + " failed: " + me.statusCode() + " " + me.body());
        }
        return user;
    }

    public static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public static HttpResponse<String> post(String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return ChatClient.JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
        }
    }

    /** A user and an access token for them. */
    public record User(String userId, String token) {

        public ChatClient connect(String deviceId) {
            return ChatClient.connect(WS_URL, userId, token, deviceId);
        }
    }

}
