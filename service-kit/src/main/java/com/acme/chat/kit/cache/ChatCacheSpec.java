package com.acme.chat.kit.cache;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * An in-process cache a service declares as a bean: its name, how many entries it holds
 * at most, and optionally how long an entry lives after it was written. service-kit
 * builds it with Caffeine and registers it with the service's {@code CacheManager}, so
 * Boot exposes its {@code cache.*} meters (gets by hit and miss, puts, evictions, size,
 * tagged {@code cache=<name>}); the service reads it through {@link ChatCaches}.
 * <p>
 * A full cache evicts the entries least likely to be used again (Caffeine's W-TinyLFU),
 * one at a time, rather than emptying itself.
 *
 * @param name the cache's name, also its {@code cache} meter tag
 * @param maximumSize most entries held at once
 * @param expireAfterWrite how long an entry is served after it was written; null for no
 * expiry, zero to serve nothing
 */
public record ChatCacheSpec(String name, long maximumSize, @Nullable Duration expireAfterWrite) {

    public ChatCacheSpec {
        Objects.requireNonNull(name, "name");
        if (maximumSize < 0) {
            throw new IllegalArgumentException("maximumSize of cache " + name + " must not be negative");
        }
        if (expireAfterWrite != null && expireAfterWrite.isNegative()) {
            throw new IllegalArgumentException("expireAfterWrite of cache " + name + " must not be negative");
        }
    }

    /**
     * @return a cache of at most {@code maximumSize} entries that never expire
     */
    public static ChatCacheSpec bounded(String name, long maximumSize) {
        return new ChatCacheSpec(name, maximumSize, null);
    }

    /**
     * @return this cache, with entries that expire {@code ttl} after they were written
     */
    public ChatCacheSpec expiringAfterWrite(Duration ttl) {
        return new ChatCacheSpec(name, maximumSize, ttl);
    }

    /**
     * @return a Caffeine builder with this spec's bounds and statistics on (the hit and
     * miss meters need them); tests add a fake ticker to it
     */
    public Caffeine<Object, Object> newBuilder() {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maximumSize).recordStats();
        return (expireAfterWrite != null) ? builder.expireAfterWrite(expireAfterWrite) : builder;
    }

}
