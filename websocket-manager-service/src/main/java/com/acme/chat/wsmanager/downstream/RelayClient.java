package com.acme.chat.wsmanager.downstream;

import java.util.List;

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
 * relay-service over HTTP, as the connected user: {@code POST
 * /api/v1/devices/{deviceId}/acks} drops acknowledged messages from the device's queue.
 * Idempotent at relay, so a failed ack may be resent. Non-blocking, bounded by
 * {@code chat.wsmanager.downstream-timeout}.
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
     * @return completes once relay dropped them from the queue
     */
    public Mono<Void> ackDelivery(ConnectionPrincipal principal, ConversationId conversationId,
            List<MessageId> messageIds) {
        return http.guard(http.client()
            .post()
            .uri("/api/v1/devices/{deviceId}/acks", principal.deviceId().value())
            .header(DownstreamHttp.authorization(), DownstreamHttp.bearer(principal.token()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                    http.write(new AckBody(conversationId.value(), messageIds.stream().map(MessageId::value).toList())))
            .exchangeToMono(response -> http.read(response, Void.class)));
    }

    record AckBody(String conversationId, List<String> messageIds) {
    }

}
