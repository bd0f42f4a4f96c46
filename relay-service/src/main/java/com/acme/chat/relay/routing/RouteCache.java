package com.acme.chat.relay.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;

/**
 * A bounded, short-lived in-process copy of users' routes, so a busy conversation does
 * not cost a Redis round trip per message. An entry is at most {@code ttl} old; when the
 * cache is full, expired entries are dropped, and if it is still full the new entry is
 * simply not cached. Thread-safe.
 */
final class RouteCache {

    private record Entry(List<Route> routes, long expiresAtNanos) {
    }

    private final Map<UserId, Entry> entries = new ConcurrentHashMap<>();

    private final long ttlNanos;

    private final int maxUsers;

    private final LongSupplier nanoClock;

    RouteCache(Duration ttl, int maxUsers, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxUsers = maxUsers;
        this.nanoClock = nanoClock;
    }

    /**
     * @return the cached routes of the user, or null when there are none or they expired
     */
    @Nullable List<Route> get(UserId user) {
        Entry entry = entries.get(user);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(user, entry);
            return null;
        }
        return entry.routes();
    }

    void put(UserId user, List<Route> routes) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (entries.size() >= maxUsers && !entries.containsKey(user)) {
            entries.entrySet().removeIf(e -> now - e.getValue().expiresAtNanos() >= 0);
            if (entries.size() >= maxUsers) {
                return;
            }
        }
        entries.put(user, new Entry(List.copyOf(routes), now + ttlNanos));
    }

    void evict(UserId user) {
        entries.remove(user);
    }

    int size() {
        return entries.size();
    }

}
