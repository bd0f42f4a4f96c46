package com.acme.chat.kit.cache;

import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;

/**
 * The service's {@code CacheManager} when it declares {@link ChatCacheSpec}s: a
 * {@link CaffeineCacheManager} holding exactly the declared caches, each with its own
 * bounds. Runs before Boot's cache auto-configuration, which then backs off; Boot's cache
 * metrics bind every cache of it.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ Caffeine.class, CaffeineCacheManager.class })
@ConditionalOnBean(ChatCacheSpec.class)
public class CacheKitAutoConfiguration {

    @Bean
    CaffeineCacheManager cacheManager(List<ChatCacheSpec> specs) {
        CaffeineCacheManager manager = new CaffeineCacheManager();
        // Only the declared caches: a typo in a name fails instead of creating an
        // unbounded cache.
        manager.setCacheNames(List.of());
        manager.setAllowNullValues(false);
        for (ChatCacheSpec spec : specs) {
            manager.registerCustomCache(spec.name(), spec.newBuilder().build());
        }
        return manager;
    }

    @Bean
    ChatCaches chatCaches(CaffeineCacheManager cacheManager) {
        return new ChatCaches(cacheManager);
    }

}
