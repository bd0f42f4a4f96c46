package com.acme.chat.messaging.testsupport;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messaging REST API in the vocabulary of its tests (users, messages, conversation
 * paths), over test-support's {@link Http} client. A user is named by id and gets a fresh
 * test token per call; users are fresh per test ({@link #newUser}).
 */
public final class Api {

    /** How long {@link #sent} retries a retryable answer. */
    public static final java.time.Duration RETRY_FOR = java.time.Duration.ofSeconds(30);

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

    /** Contact discovery with the given contact hashes. */
    public HttpResponse<String> discover(String user, String... hashes) {
        return post("/api/v1/users/discover", user, Json.write(java.util.Map.of("hashes", java.util.List.of(hashes))));
    }

    public static String newClientMsgId() {
        return UUID.randomUUID().toString();
    }

    /** A request to a path of this service, without a token. */
    public Http.Request request(String path) {
        return Http.request(Http.local(port, path));
    }

    /** A request to a path of this service, as {@code user}. */
    public Http.Request request(String path, String user) {
        return request(path).bearer(TestTokens.forUser(user));
    }

    public HttpResponse<String> get(String path, String user) {
        return request(path, user).get();
    }

    public HttpResponse<String> post(String path, String user, String json) {
        return request(path, user).post(json);
    }

    public HttpResponse<String> send(String from, String to, String clientMsgId, String text) {
        return post("/api/v1/messages", from, Json.object("clientMsgId", clientMsgId, "to", to, "text", text));
    }

    public CompletableFuture<HttpResponse<String>> sendAsync(String from, String to, String clientMsgId, String text) {
        return request("/api/v1/messages", from)
            .postAsync(Json.object("clientMsgId", clientMsgId, "to", to, "text", text));
    }

    /** Sends and expects 201; returns the ack. */
    public JsonNode sent(String from, String to, String text) {
        return sent(from, to, text, newClientMsgId());
    }

    /**
     * Sends a new message like a protocol client and asserts it was stored: a retryable
     * {@code 503} (a shard briefly without an owner, e.g. while a lease renewal times out
     * on a loaded box) is retried with the same {@code clientMsgId} for up to
     * {@link #RETRY_FOR}; the answer must then be 201, or 200 (the original ack) when an
     * attempt before it had an unknown outcome.
     * @return the ack
     */
    public JsonNode sent(String from, String to, String text, String clientMsgId) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        boolean outcomeUnknown = false;
        HttpResponse<String> response = send(from, to, clientMsgId, text);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            outcomeUnknown = true;
            pause();
            response = send(from, to, clientMsgId, text);
        }
        if (outcomeUnknown && response.statusCode() == 200) {
            return Http.json(response);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public static String conversationPath(String conversationId, String suffix) {
        return "/api/v1/conversations/" + query(conversationId) + suffix;
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
