package com.acme.chat.messaging.message;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.messaging.outbox.*}: publishing the events of stored messages that did not
 * reach Kafka (ADR 0016).
 *
 * @param republishInterval how often the owner tries again to publish events whose
 * publication failed
 * @param markInterval how often the owner writes each shard's {@code published_before}
 * mark (when it moved)
 * @param recoveryMargin how far before the previous owner's mark a new owner starts
 * reading the outbox: covers the clock difference between the two machines
 */
@ConfigurationProperties("chat.messaging.outbox")
@Validated
public record OutboxProperties(@DefaultValue("1s") @NotNull Duration republishInterval,
        @DefaultValue("1s") @NotNull Duration markInterval, @DefaultValue("2s") @NotNull Duration recoveryMargin) {
}
