package com.acme.chat.wsmanager.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.wsmanager.*}: identity and timing of this handler instance.
 *
 * @param handlerId this instance's id in routes ({@code route:{userId}} maps devices to it); in k8s the pod name
 * @param routeTtl how long a route lives without a heartbeat, so a dead handler's routes vanish by themselves
 * @param heartbeat how often clients ping and routes are refreshed
 * @param routeCacheTtl how long other handlers and services may cache a route locally
 * @param allowedOrigins Origin values a browser handshake may carry
 */
@ConfigurationProperties("chat.wsmanager")
@Validated
public record WsManagerProperties(@DefaultValue("${random.uuid}") @NotBlank String handlerId,
        @DefaultValue("90s") @NotNull Duration routeTtl, @DefaultValue("30s") @NotNull Duration heartbeat,
        @DefaultValue("2s") @NotNull Duration routeCacheTtl,
        @DefaultValue("http://localhost:3000") List<String> allowedOrigins) {
}
