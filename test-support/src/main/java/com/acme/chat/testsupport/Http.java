package com.acme.chat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one HTTP client of the tests: the JDK's, so tests see exactly what any client sees
 * (no Spring test shortcuts). One {@link HttpClient} and the same timeouts for every
 * request of every test:
 * <ul>
 * <li>{@link #CONNECT_TIMEOUT} (5 s) to open a TCP connection: the servers are local, so
 * anything slower means the service is not there;</li>
 * <li>{@link #REQUEST_TIMEOUT} (30 s) for the whole answer: generous, because a service
 * on this 2-core machine may be busy with other builds, JIT warm-up or dozens of
 * concurrent requests of one test; a failing test fails on its own assertion, not on a
 * short timeout.</li>
 * </ul>
 * Build a request with {@link #request(String)}; {@link #get(String)} and
 * {@link #get(String, String)} are shortcuts for the commonest case. Failures to connect
 * or time-outs surface as {@link UncheckedIOException} naming the request.
 */
public final class Http {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Shared with {@link WsClient}, which opens its WebSockets through it. */
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private Http() {
    }

    /** A request to an absolute URL, without any header yet. */
    public static Request request(String url) {
        return new Request(URI.create(url));
    }

    /** The URL of a path on a service listening on this machine. */
    public static String local(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public static HttpResponse<String> get(String url) {
        return request(url).get();
    }

    public static HttpResponse<String> get(String url, String bearerToken) {
        return request(url).bearer(bearerToken).get();
    }

    /** The response's body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body());
    }

    /**
     * Asserts an error answer as the API documents it: the status, a ProblemDetail body
     * with its stable {@code code} and the matching {@code type}.
     */
    public static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("urn:chat:problem:" + code);
    }

    /**
     * One request being built: headers first, then one of the methods that send it.
     * Bodies are sent as {@code application/json}, exactly as given (tests send malformed
     * JSON too); build them with {@link Json}.
     */
    public static final class Request {

        private final HttpRequest.Builder builder;

        private Request(URI uri) {
            this.builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        }

        /** {@code Authorization: Bearer <token>}. */
        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /**
         * {@code X-Device-Id}: which of the user's devices makes a REST call.
         */
        public Request deviceId(String deviceId) {
            return header("X-Device-Id", deviceId);
        }

        /** {@code Origin}, as a browser sends it. */
        public Request origin(String origin) {
            return header("Origin", origin);
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public HttpResponse<String> get() {
            return send(builder.GET().build());
        }

        public HttpResponse<String> post(String json) {
            return send(withJson("POST", json));
        }

        public HttpResponse<String> put() {
            return send(builder.PUT(HttpRequest.BodyPublishers.noBody()).build());
        }

        public HttpResponse<String> put(String json) {
            return send(withJson("PUT", json));
        }

        public HttpResponse<String> patch(String json) {
            return send(withJson("PATCH", json));
        }

        public HttpResponse<String> delete() {
            return send(builder.DELETE().build());
        }

        public CompletableFuture<HttpResponse<String>> postAsync(String json) {
            return CLIENT.sendAsync(withJson("POST", json), HttpResponse.BodyHandlers.ofString());
        }

        /** {@code OPTIONS} without a body, e.g. a CORS preflight. */
        public HttpResponse<String> options() {
            return send(builder.method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        }

        private HttpRequest withJson(String method, String json) {
            return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        }

        private static HttpResponse<String> send(HttpRequest request) {
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", ex);
            }
        }

    }

}
