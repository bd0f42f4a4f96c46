package com.acme.chat.kit.kafka;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.kafka.*}: how the topics a service owns are declared, and how long the
 * health check waits.
 *
 * @param partitions partitions per topic; keys (conversation, user, group) keep per-key
 * order within a partition
 * @param replicationFactor 1 locally, 3 in production
 * @param minInsyncReplicas 1 locally, 2 in production (with producer acks=all)
 * @param healthTimeout how long the readiness check waits for the cluster to answer
 */
@ConfigurationProperties("chat.kafka")
@Validated
public record ChatKafkaProperties(@DefaultValue("12") @Positive int partitions,
        @DefaultValue("1") @Positive short replicationFactor, @DefaultValue("1") @Positive int minInsyncReplicas,
        @DefaultValue("2s") @NotNull Duration healthTimeout) {
}
