package com.acme.chat.messaging.shard;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

/**
 * Forwards a write that reached an instance without the conversation's shard to the owner
 * named in the shard's lease, once: the owner answers, and its answer (status and body,
 * ack or problem) goes back unchanged. A request that was forwarded already is never
 * forwarded again; it answers 503 and the client retries (ADR 0014).
 */
@Component
public class SendForwarder {

    /** Marks a forwarded request. */
    public static final String FORWARDED = "X-Chat-Forwarded";

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final RestClient client;

    SendForwarder(RestClient.Builder builder, OwnershipProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        factory.setReadTimeout(properties.forwardTimeout());
        this.client = builder.requestFactory(factory).build();
    }

    /**
     * @param notOwner why this instance cannot serve the request, with the owner's
     * address when one is known
     * @param path the request's path, e.g. {@code /api/v1/messages}
     * @param body the request body, written as JSON again
     * @param incoming the request's headers: {@code Authorization} and
     * {@code X-Device-Id} travel on
     * @param clientAddress the client's address, which the owner limits by
     * ({@code send-ip}): sent as {@code X-Forwarded-For}, which the owner believes of
     * this instance (a trusted proxy)
     * @return the owner's answer
     * @throws NotOwnerException when there is no owner to forward to, or the request was
     * forwarded already
     */
    public ResponseEntity<byte[]> forward(NotOwnerException notOwner, String path, Object body, HttpHeaders incoming,
            String clientAddress) {
        String owner = notOwner.ownerAddress().orElse(null);
        if (owner == null || incoming.containsHeader(FORWARDED)) {
            throw notOwner;
        }
        try {
            return client.post().uri(owner + path).contentType(MediaType.APPLICATION_JSON).headers(headers -> {
                copy(incoming, headers, HttpHeaders.AUTHORIZATION);
                copy(incoming, headers, "X-Device-Id");
                headers.set(FORWARDED_FOR, clientAddress);
                headers.set(FORWARDED, "1");
            }).body(body).exchange((request, response) -> {
                HttpHeaders answer = new HttpHeaders();
                MediaType type = response.getHeaders().getContentType();
                if (type != null) {
                    answer.setContentType(type);
                }
                return ResponseEntity.status(response.getStatusCode())
                    .headers(answer)
                    .body(response.getBody().readAllBytes());
            });
        }
        catch (RestClientException ex) {
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The owner of the conversation did not answer; retry the same request");
        }
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String name) {
        String value = from.getFirst(name);
        if (value != null) {
            to.set(name, value);
        }
    }

}
