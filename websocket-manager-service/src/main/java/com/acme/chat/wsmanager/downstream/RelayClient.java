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
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

/**
 * relay-service over HTTP, as the connected user (their token and address, as for
 * messaging): {@code POST /api/v1/devices/{deviceId}/acks} drops acknowledged messages
 * from the device's queue; {@code POST /api/v1/devices/{deviceId}/replay} reads a page of
 * it for a new connection. Both are idempotent at relay, so a failed call may be
 * repeated. Non-blocking, bounded by {@code chat.wsmanager.downstream-timeout}.
 */
@Component
public class RelayClient {

    static final String SERVICE = "relay";

    private final DownstreamHttp http;

    RelayClient(WsManagerProperties properties, JsonMapper json, WebClient.Builder builder) {
        this.http = new DownstreamHttp(SERVICE, properties.relayUrl(), properties.downstreamTimeout(), json, builder);
    }

    /**
     * @param principal the acknowledging device's connection
     * @param conversationId the conversation of the messages
     * @param messageIds the received messages
     * @param keys their queue keys, when this handler knows every one of them (relay then
     * deletes without reading the queue first); null otherwise
     * @return how many of them were still queued and are now removed, once relay dropped
     * them from the queue
     */
    public Mono<Integer> ackDelivery(ConnectionPrincipal principal, ConversationId conversationId,
            List<MessageId> messageIds, @Nullable List<PushedMessage> keys) {
        List<AckKey> refs = (keys == null) ? null
                : keys.stream().map(key -> new AckKey(key.messageId().value(), key.seq(), key.sentAt())).toList();
        return http.guard(http.client()
            .post()
            .uri("/api/v1/devices/{deviceId}/acks", principal.deviceId().value())
            .headers(DownstreamHttp.onBehalfOf(principal))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(http
                .write(new AckBody(conversationId.value(), messageIds.stream().map(MessageId::value).toList(), refs)))
            .exchangeToMono(response -> http.read(response, AckAnswer.class))
            .map(AckAnswer::removed));
    }

    /**
     * @param principal the connecting device
     * @param after where the previous page ended, or null for the first page of the
     * connect (which also registers the device at relay)
     * @param limit at most this many messages
     * @return the page
     */
    public Mono<ReplayPage> replay(ConnectionPrincipal principal, ReplayPage.@Nullable Position after, int limit) {
        return http.guard(http.client()
            .post()
            .uri("/api/v1/devices/{deviceId}/replay", principal.deviceId().value())
            .headers(DownstreamHttp.onBehalfOf(principal))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(http.write(new ReplayBody(after, limit)))
            .exchangeToMono(response -> http.read(response, ReplayPage.class)));
    }

    record ReplayBody(ReplayPage.@Nullable Position after, int limit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AckBody(String conversationId, List<String> messageIds, @Nullable List<AckKey> refs) {
    }

    /** Relay's answer to an ack: how many of the messages were queued and are removed. */
    record AckAnswer(int removed) {
    }

    record AckKey(String messageId, long seq, Instant sentAt) {
    }

}
