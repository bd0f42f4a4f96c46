package com.acme.chat.lastseen.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.lastseen.*}: settings of last-seen-service, with local defaults that any
 * environment can override.
 *
 * @param presenceTtl how long a device counts as online without a heartbeat
 */
@ConfigurationProperties("chat.lastseen")
@Validated
public record LastSeenProperties(@DefaultValue("60s") @NotNull Duration presenceTtl) {
}
