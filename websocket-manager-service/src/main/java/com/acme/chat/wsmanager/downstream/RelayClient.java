package com.acme.chat.wsmanager.downstream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

/**
 * relay-service over HTTP, as the connected user (their token and address, as for
 * messaging): {@code POST /api/v1/devices/{deviceId}/replay} reads a page of the device's
 * queue for a new connection. Idempotent at relay, so a failed call may be repeated.
 * Non-blocking, bounded by {@code chat.wsmanager.downstream-timeout}. (Acks no longer go
 * over HTTP: one call per {@code ack_delivery} cost relay most of its CPU under a group
 * load, so they go to relay through Kafka, see {@code AckPublisher}.)
 */
@Component
public class RelayClient {

    static final String SERVICE = "relay";

    private final DownstreamHttp http;

    RelayClient(WsManagerProperties properties, JsonMapper json, WebClient.Builder builder) {
        this.http = new DownstreamHttp(SERVICE, properties.relayUrl(), properties.downstreamTimeout(), json, builder);
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

}
