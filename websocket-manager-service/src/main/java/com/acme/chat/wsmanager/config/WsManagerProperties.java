package com.acme.chat.wsmanager.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.wsmanager.*}: identity and timing of this handler instance, and where its
 * HTTP dependencies live.
 *
 * @param handlerId this instance's id in routes ({@code route:{userId}:{deviceId}} names
 * it); in k8s the pod name
 * @param routeTtl how long a route lives without a heartbeat, so a dead handler's routes
 * vanish by themselves
 * @param heartbeat how often clients ping and routes are refreshed; a connection silent
 * for two intervals is closed
 * @param allowedOrigins Origin values a browser handshake may carry ({@code *} allows
 * any); none by default, so a deployment names its web app's origins (the local profile
 * allows {@code http://localhost:3000} and {@code http://127.0.0.1:3000})
 * @param messagingUrl base URL of messaging-service ({@code send_message},
 * {@code mark_read}, user registration)
 * @param relayUrl base URL of relay-service ({@code ack_delivery})
 * @param downstreamTimeout how long a call to messaging or relay may take before the
 * frame fails as {@code service_unavailable}
 * @param ticketTtl how long a browser handshake ticket stays valid (protocol: 30 s)
 * @param outboundQueueLimit frames a connection may have waiting for the socket; beyond
 * that the client is too slow and is closed with 1013 (its messages stay queued in relay)
 * @param replayPageSize queued messages read from relay per page when a device connects
 * (at most half the outbound limit)
 * @param replayStallTimeout how long a connecting client may leave its replay unread
 * before it is closed with 1013
 * @param replayDedupeWindow how long after the replay a late live push of a replayed
 * message is dropped rather than sent twice
 * @param outboundQueueBytes heap a connection may hold in frames not yet written to its
 * socket (waiting or held back during the replay; a frame counts two bytes a character);
 * beyond that the client is too slow and is closed with 1013, its messages staying queued
 * in relay
 * @param outboundTotalBytes heap all connections of this instance may hold that way
 * together; past it, connections holding more than an eighth of their own bound are
 * closed with 1013 as they are pushed to. Unset: a quarter of the maximum heap
 * @param requestHeadersTimeout how long a new HTTP connection may take to send a complete
 * request head (the WebSocket upgrade or a REST call) before it is closed, however slowly
 * it trickles bytes
 * @param requestBodyTimeout how long a request body may take once its head has arrived
 * @param httpIdleTimeout how long a connection may sit idle between HTTP requests (not a
 * WebSocket: upgraded connections have their own heartbeat)
 * @param closeGrace how long a connection the server closed may take to read the close
 * frame before its TCP connection is dropped
 * @param lookupAckBurst {@code ack_delivery} frames naming a message this connection did
 * not push (relay then reads the device's queue for it) a connection may send at once;
 * acks of pushed messages are bounded by the pushes and not counted
 * @param lookupAcksPerSecond how fast that allowance refills; past it the frame is
 * answered {@code rate_limited} (docs/adr/0030)
 */
@ConfigurationProperties("chat.wsmanager")
@Validated
public record WsManagerProperties(@DefaultValue("${random.uuid}") @NotBlank String handlerId,
        @DefaultValue("90s") @NotNull Duration routeTtl, @DefaultValue("30s") @NotNull Duration heartbeat,
        @DefaultValue List<String> allowedOrigins, @DefaultValue("http://127.0.0.1:8081") @NotNull URI messagingUrl,
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI relayUrl,
        @DefaultValue("5s") @NotNull Duration downstreamTimeout, @DefaultValue("30s") @NotNull Duration ticketTtl,
        @DefaultValue("1024") @Positive int outboundQueueLimit, @DefaultValue("100") @Positive int replayPageSize,
        @DefaultValue("60s") @NotNull Duration replayStallTimeout,
        @DefaultValue("30s") @NotNull Duration replayDedupeWindow,
        @DefaultValue("256KB") @NotNull DataSize outboundQueueBytes, @Nullable DataSize outboundTotalBytes,
        @DefaultValue("10s") @NotNull Duration requestHeadersTimeout,
        @DefaultValue("10s") @NotNull Duration requestBodyTimeout,
        @DefaultValue("20s") @NotNull Duration httpIdleTimeout, @DefaultValue("5s") @NotNull Duration closeGrace,
        @DefaultValue("200") @Positive int lookupAckBurst, @DefaultValue("20") @Positive int lookupAcksPerSecond) {

    /**
     * @return the instance-wide outbound bound in bytes, at least the per-connection one
     */
    public long outboundTotalLimit() {
        long total = (outboundTotalBytes != null) ? outboundTotalBytes.toBytes() : Runtime.getRuntime().maxMemory() / 4;
        return Math.max(total, outboundQueueBytes.toBytes());
    }

    /**
     * @return whether routes outlive a heartbeat, so a live handler's routes never expire
     * between refreshes
     */
    @AssertTrue(message = "route-ttl must be longer than heartbeat")
    public boolean isRouteTtlLongerThanHeartbeat() {
        return routeTtl == null || heartbeat == null || routeTtl.compareTo(heartbeat) > 0;
    }
}
