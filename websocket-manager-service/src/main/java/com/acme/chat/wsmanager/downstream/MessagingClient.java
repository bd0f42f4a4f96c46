package com.acme.chat.wsmanager.downstream;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.SendMessage;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

/**
 * messaging-service over HTTP, as the connected user (their bearer token, their device in
 * {@code X-Device-Id}, their address in {@code X-Forwarded-For}):
 * {@code POST /api/v1/messages}, {@code POST /api/v1/conversations/{id}/read},
 * {@code GET /api/v1/users/me}. Non-blocking; each call is bounded by
 * {@code chat.wsmanager.downstream-timeout}. Sends are idempotent on {@code clientMsgId}
 * at messaging, so a client may safely retry a send that failed here.
 */
@Component
public class MessagingClient {

    static final String SERVICE = "messaging";

    static final String DEVICE_HEADER = "X-Device-Id";

    private final DownstreamHttp http;

    MessagingClient(WsManagerProperties properties, JsonMapper json, WebClient.Builder builder) {
        this.http = new DownstreamHttp(SERVICE, properties.messagingUrl(), properties.downstreamTimeout(), json,
                builder);
    }

    /**
     * Stores a message ({@code 201}, or {@code 200} for a retry of an already stored
     * one).
     * @param principal the sender's connection
     * @param frame the frame
     * @return the stored message
     */
    public Mono<StoredMessage> send(ConnectionPrincipal principal, SendMessage frame) {
        SendBody body = new SendBody(frame.clientMsgId().value(), frame.to() == null ? null : frame.to().value(),
                frame.group() == null ? null : frame.group().value(), frame.text(), frame.media());
        return http.guard(http.client()
            .post()
            .uri("/api/v1/messages")
            .headers(DownstreamHttp.onBehalfOf(principal))
            .header(DEVICE_HEADER, principal.deviceId().value())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(http.write(body))
            .exchangeToMono(response -> http.read(response, StoredMessage.class)));
    }

    /**
     * Moves the user's read watermark ({@code 204}).
     * @return completes when stored
     */
    public Mono<Void> markRead(ConnectionPrincipal principal, ConversationId conversationId, long seq) {
        return http.guard(http.client()
            .post()
            .uri("/api/v1/conversations/{conversationId}/read", conversationId.value())
            .headers(DownstreamHttp.onBehalfOf(principal))
            .header(DEVICE_HEADER, principal.deviceId().value())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(http.write(new ReadBody(seq)))
            .exchangeToMono(response -> http.read(response, Void.class)));
    }

    /**
     * Registers (or refreshes) the user's profile from the token's claims.
     * @return completes when done
     */
    public Mono<Void> registerUser(ConnectionPrincipal principal) {
        return http.guard(http.client()
            .get()
            .uri("/api/v1/users/me")
            .headers(DownstreamHttp.onBehalfOf(principal))
            .exchangeToMono(response -> http.read(response, Void.class)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendBody(String clientMsgId, @Nullable String to, @Nullable String group, String text,
            List<MediaRef> media) {
    }

    record ReadBody(long seq) {
    }

    /**
     * messaging's answer to a send.
     *
     * @param messageId the message
     * @param conversationId its conversation
     * @param seq its place in the conversation
     * @param sentAt when it was accepted
     * @param duplicate whether this send was a retry of a stored message
     */
    public record StoredMessage(MessageId messageId, ConversationId conversationId, long seq, Instant sentAt,
            boolean duplicate) {
    }

}
