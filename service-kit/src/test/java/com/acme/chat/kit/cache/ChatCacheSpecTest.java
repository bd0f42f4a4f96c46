package com.acme.chat.kit.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatCacheSpecTest {

    @Test
    void aFullCacheEvictsOneEntryNotAll() {
        Cache<String, Integer> cache = ChatCacheSpec.bounded("test", 3).newBuilder().build();
        for (int i = 0; i < 4; i++) {
            cache.put("k" + i, i);
        }
        cache.cleanUp();

        assertThat(cache.estimatedSize()).isEqualTo(3);
        assertThat(cache.stats().evictionCount()).isEqualTo(1);
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        AtomicLong nanos = new AtomicLong();
        Cache<String, Integer> cache = ChatCacheSpec.bounded("test", 10)
            .expiringAfterWrite(Duration.ofSeconds(2))
            .newBuilder()
            .ticker(nanos::get)
            .build();
        cache.put("k", 1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos() - 1);
        assertThat(cache.getIfPresent("k")).isEqualTo(1);
        nanos.addAndGet(1);
        assertThat(cache.getIfPresent("k")).isNull();
    }

    @Test
    void withoutTtlEntriesStay() {
        AtomicLong nanos = new AtomicLong();
        Cache<String, Integer> cache = ChatCacheSpec.bounded("test", 10).newBuilder().ticker(nanos::get).build();
        cache.put("k", 1);

        nanos.addAndGet(Duration.ofDays(365).toNanos());

        assertThat(cache.getIfPresent("k")).isEqualTo(1);
    }

    @Test
    void rejectsNegativeBounds() {
        assertThatThrownBy(() -> ChatCacheSpec.bounded("test", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatCacheSpec.bounded("test", 1).expiringAfterWrite(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
