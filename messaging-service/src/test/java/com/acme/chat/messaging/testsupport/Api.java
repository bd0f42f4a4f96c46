package com.acme.chat.messaging.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messaging REST API as a client sees it: plain JDK HTTP with bearer tokens, JSON
 * bodies built from maps so that any text is encoded correctly. Users are fresh per test
 * ({@link #newUser}).
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public Api(int port) {
        this.port = port;
    }

    /**
     * A fresh user id, registered by one authenticated call (a user exists once they have
     * authenticated).
     */
    public String newUser(String prefix) {
        String user = prefix + "-" + UUID.randomUUID();
        assertThat(get("/api/v1/users/me", user).statusCode()).isEqualTo(200);
        return user;
    }

    /** A fresh user id that never authenticated. */
    public static String strangerId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static String newClientMsgId() {
        return UUID.randomUUID().toString();
    }

    public HttpResponse<String> send(String from, String to, String clientMsgId, String text) {
        return post("/api/v1/messages", from, body("clientMsgId", clientMsgId, "to", to, "text", text));
    }

    public CompletableFuture<HttpResponse<String>> sendAsync(String from, String to, String clientMsgId, String text) {
        return CLIENT.sendAsync(request("/api/v1/messages", TestTokens.forUser(from))
            .POST(HttpRequest.BodyPublishers.ofString(body("clientMsgId", clientMsgId, "to", to, "text", text)))
            .header("Content-Type", "application/json")
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and expects 201; returns the ack. */
    public JsonNode sent(String from, String to, String text) {
        HttpResponse<String> response = send(from, to, newClientMsgId(), text);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    public HttpResponse<String> post(String path, String user, String json) {
        return postWithToken(path, TestTokens.forUser(user), json);
    }

    public HttpResponse<String> postWithToken(String path, String token, String json) {
        HttpRequest.Builder request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json");
        return send(request.build());
    }

    public HttpResponse<String> postWithoutToken(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .build());
    }

    public HttpResponse<String> post(String path, String user, String json, String headerName, String headerValue) {
        return send(request(path, TestTokens.forUser(user)).POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .header(headerName, headerValue)
            .build());
    }

    public HttpResponse<String> get(String path, String user) {
        return getWithToken(path, TestTokens.forUser(user));
    }

    public HttpResponse<String> getWithToken(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public static String conversationPath(String conversationId, String suffix) {
        return "/api/v1/conversations/" + URLEncoder.encode(conversationId, StandardCharsets.UTF_8) + suffix;
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A JSON object from alternating keys and values; null values are left out. */
    public static String body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return JSON.writeValueAsString(map);
    }

    public static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("urn:chat:problem:" + code);
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
