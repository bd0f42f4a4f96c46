package com.acme.chat.relay.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.relay.*}: settings of relay-service, with local defaults that any
 * environment can override.
 *
 * @param replayBatchSize queued messages read (and handed to a reconnecting device) per
 * page
 * @param maxQueuePerDevice unsent messages kept per device; past it the oldest are kept
 * and the device gets a resync marker for the conversation instead (ADR 0024)
 * @param pushAfter how long a message waits undelivered before a push notification (not
 * used yet: relay requests the push as soon as a message finds none of the recipient's
 * devices connected)
 * @param queueTtl how long an unacknowledged message stays queued for a device (the
 * offline-retention limit)
 * @param routeCacheTtl how long a user's routes are reused from the in-process cache by
 * best-effort pushes (receipts); message delivery always reads them afresh
 * @param routeCacheMaxUsers how many users' routes the in-process cache holds at most
 * @param deviceCacheTtl how long a user's device list is reused from the in-process cache
 * when no registration dropped it before
 * @param deviceCacheMaxUsers how many users' device lists the in-process cache holds at
 * most
 * @param maxDevicesPerUser devices a user may have; a new one past that is refused with
 * {@code too_many_devices} (Signal links 6)
 * @param deviceIdleTimeout a device unseen this long is gone: nothing more is queued for
 * it, and a new device of its user removes it
 * @param largeFanoutThreshold a message with more recipients than this is not delivered
 * on the partition of its conversation but split into {@code fanoutChunks} records on
 * {@code chat.fanout.v1}, so one large group does not hold up the conversations sharing
 * its partition
 * @param fanoutChunks how many chunks a large fan-out is split into, by a hash of the
 * recipient; fixed (not derived from the group's size) so that a member stays in the same
 * chunk, and keeps the conversation's order, while the group grows
 * @param fanoutRequestsInFlight Cassandra requests (queue rows, device lists) one relay
 * instance keeps in flight at most for its deliveries; the driver refuses more than 1,024
 * per connection
 * @param ackListenerConcurrency consumer threads of the ack listener
 * ({@code chat.acks.v1}); each applies a poll of acks at once, so few threads keep up
 * with many devices
 * @param ackBatchSize acks one poll of the ack listener takes at most (its
 * {@code max.poll.records}): their receipts are published with one wait for the broker
 * and their deletes run concurrently, so larger polls cost fewer round trips per ack
 */
@ConfigurationProperties("chat.relay")
@Validated
public record RelayProperties(@DefaultValue("100") @Positive int replayBatchSize,
        @DefaultValue("10000") @Positive int maxQueuePerDevice, @DefaultValue("10s") @NotNull Duration pushAfter,
        @DefaultValue("30d") @NotNull Duration queueTtl, @DefaultValue("2s") @NotNull Duration routeCacheTtl,
        @DefaultValue("10000") @Positive int routeCacheMaxUsers, @DefaultValue("10m") @NotNull Duration deviceCacheTtl,
        @DefaultValue("100000") @Positive int deviceCacheMaxUsers, @DefaultValue("6") @Positive int maxDevicesPerUser,
        @DefaultValue("30d") @NotNull Duration deviceIdleTimeout,
        @DefaultValue("256") @Positive int largeFanoutThreshold, @DefaultValue("8") @Positive int fanoutChunks,
        @DefaultValue("256") @Positive int fanoutRequestsInFlight,
        @DefaultValue("2") @Positive int ackListenerConcurrency, @DefaultValue("500") @Positive int ackBatchSize) {
}
