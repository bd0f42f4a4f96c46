package com.acme.chat.kit.kafka;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.kafka.*}: how the topics a service owns are declared, how long a
 * publication may wait for the broker, and how long the health check waits. Producer
 * settings themselves ({@code acks}, {@code max.block.ms}, …) stay under
 * {@code spring.kafka.producer.*}.
 *
 * @param partitions partitions per topic; keys (conversation, user, group) keep per-key
 * order within a partition
 * @param replicationFactor 1 locally, 3 in production
 * @param minInsyncReplicas 1 locally, 2 in production (with producer acks=all)
 * @param publishTimeout how long {@link ChatEventPublisher} waits for the broker's ack of
 * an event before treating it as failed (an awaited publication then fails with a
 * retryable {@code service_unavailable}); keep the producer's {@code max.block.ms} at
 * most this long, because a send that cannot get metadata blocks its caller that long
 * @param healthTimeout how long the readiness check waits for the cluster to answer
 * @param deadLetterAttempts how often a listener tries a record whose handling fails
 * permanently (not a dependency being away) before it goes to the dead-letter topic
 * @param deadLetterBackoff the pause between those attempts
 */
@ConfigurationProperties("chat.kafka")
@Validated
public record ChatKafkaProperties(@DefaultValue("12") @Positive int partitions,
        @DefaultValue("1") @Positive short replicationFactor, @DefaultValue("1") @Positive int minInsyncReplicas,
        @DefaultValue("5s") @NotNull Duration publishTimeout, @DefaultValue("2s") @NotNull Duration healthTimeout,
        @DefaultValue("3") @Positive int deadLetterAttempts, @DefaultValue("1s") @NotNull Duration deadLetterBackoff) {

}
