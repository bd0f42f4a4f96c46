package com.acme.chat.messaging.shard;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code shards}, part of readiness: UP once every conversation shard has a live owner
 * (this instance or one whose lease renewals were seen), so a send can be stored or
 * forwarded. After a crash of the previous owner this takes up to
 * {@code lease-duration + takeover-margin}; after a graceful stop, one round.
 */
@Component
class ShardsHealthIndicator extends AbstractHealthIndicator {

    private final ShardOwnership ownership;

    ShardsHealthIndicator(ShardOwnership ownership) {
        super("Shard ownership check failed");
        this.ownership = ownership;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("instance", ownership.instanceId()).withDetail("owned", ownership.ownedCount());
        if (ownership.everyShardServed()) {
            builder.up();
        }
        else {
            builder.outOfService();
        }
    }

}
