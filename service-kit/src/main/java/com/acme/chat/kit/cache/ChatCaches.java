package com.acme.chat.kit.cache;

import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

/**
 * The caches a service declared with {@link ChatCacheSpec} beans, as native Caffeine
 * caches: a hot path (a message send, a delivery) reads and writes them directly, without
 * the {@code @Cacheable} proxy and its key and value wrapping, while their meters still
 * come from Boot's {@code CacheManager} support.
 */
public final class ChatCaches {

    private final CaffeineCacheManager manager;

    public ChatCaches(CaffeineCacheManager manager) {
        this.manager = manager;
    }

    /**
     * @param name the name of a declared cache
     * @param <K> the key type the service uses for it
     * @param <V> the value type the service uses for it
     * @return the native cache
     * @throws IllegalArgumentException when no {@link ChatCacheSpec} declared that name
     */
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> get(String name) {
        if (!(manager.getCache(name) instanceof CaffeineCache cache)) {
            throw new IllegalArgumentException("No cache '" + name + "' is declared; declare a ChatCacheSpec bean");
        }
        return (Cache<K, V>) (Cache<?, ?>) cache.getNativeCache();
    }

}
