package com.acme.chat.relay.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.relay.*}: settings of relay-service, with local defaults that any environment can override.
 *
 * @param replayBatchSize messages handed to a reconnecting device per batch
 * @param maxQueuePerDevice unsent messages kept per device before the oldest are refused
 * @param pushAfter how long a message waits undelivered before a push notification
 */
@ConfigurationProperties("chat.relay")
@Validated
public record RelayProperties(@DefaultValue("100") @Positive int replayBatchSize,
        @DefaultValue("10000") @Positive int maxQueuePerDevice,
        @DefaultValue("10s") @NotNull Duration pushAfter) {
}
