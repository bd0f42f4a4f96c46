package com.acme.chat.relay.routing;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;

/**
 * A bounded, short-lived in-process copy of users' routes, so a busy conversation does
 * not cost a Redis round trip per message. Backed by the Caffeine cache {@code routes}
 * (see {@code RelayCaches}): an entry is served at most
 * {@code chat.relay.route-cache-ttl} after it was written, and a full cache evicts the
 * entries least likely to be used again. Thread-safe.
 */
final class RouteCache {

    private final Cache<UserId, List<Route>> entries;

    RouteCache(Cache<UserId, List<Route>> entries) {
        this.entries = entries;
    }

    /**
     * @return the cached routes of the user, or null when there are none or they expired
     */
    @Nullable List<Route> get(UserId user) {
        return entries.getIfPresent(user);
    }

    void put(UserId user, List<Route> routes) {
        entries.put(user, List.copyOf(routes));
    }

    void evict(UserId user) {
        entries.invalidate(user);
    }

}
