package com.acme.chat.wsmanager.downstream;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.resources.ConnectionProvider;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.acme.chat.kit.clientaddress.ClientAddressResolver;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

/**
 * What the two clients share: a WebClient from Boot's {@link WebClient.Builder} (so every
 * call is observed, {@code http.client.requests}, and carries the caller's trace in
 * {@code traceparent}) on a Reactor Netty connection pool of its own with connect and
 * response timeouts, JSON bodies written and read with the service's JsonMapper, and one
 * translation of failures into {@link DownstreamException}.
 * <p>
 * The trace a call continues is the observation in the subscriber's Reactor context
 * (WebFlux keeps none on the thread): the frame observation the dispatcher puts there.
 */
final class DownstreamHttp {

    private static final int MAX_CONNECT_TIMEOUT_MILLIS = 2000;

    private final String service;

    /**
     * The largest answer read: a replay page is cut at 256 KiB of estimated JSON by relay
     * (at least one message, itself at most ~30 KiB), so this leaves room for escaping.
     * The default (256 KiB) refused pages of long messages, and the connection failed its
     * replay on every reconnect.
     */
    static final int MAX_ANSWER_BYTES = 2 * 1024 * 1024;

    private final WebClient client;

    private final JsonMapper json;

    private final Duration timeout;

    /**
     * @param builder a builder of its own (Boot's is a prototype bean), with observation
     * set up
     */
    DownstreamHttp(String service, URI baseUrl, Duration timeout, JsonMapper json, WebClient.Builder builder) {
        this.service = service;
        this.json = json;
        this.timeout = timeout;
        // Idle connections are dropped before the services' keep-alive timeout (60 s), so
        // the pool never hands out a
        // connection the server is closing; one pool per downstream service.
        ConnectionProvider pool = ConnectionProvider.builder(service)
            .maxConnections(500)
            .maxIdleTime(Duration.ofSeconds(30))
            .pendingAcquireTimeout(timeout)
            .build();
        HttpClient http = HttpClient.create(pool)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                    (int) Math.min(MAX_CONNECT_TIMEOUT_MILLIS, timeout.toMillis()))
            .responseTimeout(timeout);
        this.client = builder.baseUrl(baseUrl.toString())
            .clientConnector(new ReactorClientHttpConnector(http))
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES))
            .build();
    }

    WebClient client() {
        return client;
    }

    /**
     * Bodies go out as bytes, so no codec second-guesses how a pre-serialised String
     * should be written.
     */
    byte[] write(Object body) {
        return json.writeValueAsBytes(body);
    }

    /**
     * The headers of a call made on the connected user's behalf: their token, and their
     * address in {@code X-Forwarded-For}, so the service's per-address limits count the
     * client and not this handler (which it trusts as a proxy).
     */
    static Consumer<HttpHeaders> onBehalfOf(ConnectionPrincipal principal) {
        return headers -> {
            headers.setBearerAuth(principal.token());
            String address = principal.clientAddress();
            if (address != null) {
                headers.set(ClientAddressResolver.FORWARDED_FOR, address);
            }
        };
    }

    /**
     * Reads a 2xx body as {@code type}, or fails with the translated error.
     * @param type the expected body, or {@code Void.class} to ignore it
     */
    <T> Mono<T> read(ClientResponse response, Class<T> type) {
        int status = response.statusCode().value();
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
            if (response.statusCode().is2xxSuccessful()) {
                if (type == Void.class) {
                    return Mono.empty();
                }
                try {
                    return Mono.just(json.readValue(body, type));
                }
                catch (JacksonException ex) {
                    return Mono.error(DownstreamException.badResponse(service, status, ex));
                }
            }
            return Mono.error(problem(status, body));
        });
    }

    /**
     * Bounds the whole call and turns transport failures into
     * {@link DownstreamException.Kind#UNAVAILABLE}.
     */
    <T> Mono<T> guard(Mono<T> call) {
        return call.timeout(timeout)
            .onErrorMap(DownstreamHttp::isTransportFailure, ex -> DownstreamException.unavailable(service, ex));
    }

    private DownstreamException problem(int status, byte[] body) {
        String code = null;
        String detail = null;
        Long retryAfterMs = null;
        try {
            JsonNode tree = (body.length == 0) ? null : json.readTree(body);
            code = text(tree, "code");
            detail = text(tree, "detail");
            JsonNode retryAfter = (tree != null && tree.isObject()) ? tree.get("retryAfterMs") : null;
            retryAfterMs = (retryAfter != null && retryAfter.canConvertToLong()) ? retryAfter.asLong() : null;
        }
        catch (JacksonException ex) {
            // Not a ProblemDetail (a proxy's error page, an empty body): the status is
            // all there is.
        }
        return DownstreamException.problem(service, status, code, detail, retryAfterMs);
    }

    private static @Nullable String text(@Nullable JsonNode tree, String field) {
        if (tree == null || !tree.isObject()) {
            return null;
        }
        JsonNode node = tree.get(field);
        return (node != null && node.isString()) ? node.asString() : null;
    }

    private static boolean isTransportFailure(Throwable ex) {
        return ex instanceof WebClientRequestException || ex instanceof TimeoutException
                || ex instanceof io.netty.handler.timeout.ReadTimeoutException
                || ex instanceof reactor.netty.http.client.PrematureCloseException;
    }

}
