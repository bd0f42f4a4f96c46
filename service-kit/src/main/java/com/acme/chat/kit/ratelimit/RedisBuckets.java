package com.acme.chat.kit.ratelimit;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j's buckets on the service's own Redis client (Spring's
 * {@link LettuceConnectionFactory}), created at the first check: a service starts without
 * Redis, and a failed creation is tried again at the next check. Keys expire once their
 * bucket would be full again, so idle users and addresses leave nothing behind.
 */
final class RedisBuckets implements Supplier<AsyncProxyManager<byte[]>> {

    /** Longer than any rule's time to refill completely needs no key. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private final LettuceConnectionFactory redis;

    private volatile @Nullable AsyncProxyManager<byte[]> buckets;

    RedisBuckets(LettuceConnectionFactory redis) {
        this.redis = redis;
    }

    @Override
    public AsyncProxyManager<byte[]> get() {
        AsyncProxyManager<byte[]> ready = this.buckets;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (this.buckets == null) {
                this.buckets = create();
            }
            return this.buckets;
        }
    }

    private AsyncProxyManager<byte[]> create() {
        AbstractRedisClient client = this.redis.getNativeClient();
        ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
            .basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL);
        if (client instanceof RedisClusterClient cluster) {
            return Bucket4jLettuce.casBasedBuilder(cluster).expirationAfterWrite(expiry).build().asAsync();
        }
        if (client instanceof RedisClient single) {
            return Bucket4jLettuce.casBasedBuilder(single).expirationAfterWrite(expiry).build().asAsync();
        }
        throw new IllegalStateException("Rate limits need a Lettuce Redis client, not " + client);
    }

}
