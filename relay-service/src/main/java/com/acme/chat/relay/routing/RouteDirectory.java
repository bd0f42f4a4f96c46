package com.acme.chat.relay.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.relay.config.RelayCaches;

/**
 * Where a user's devices are connected right now, read from the routes websocket-manager
 * keeps in Redis ({@link RouteKeys}): {@code SMEMBERS routes:{u}}, then {@code MGET} of
 * each {@code route:{u}:{d}}.
 * <p>
 * Index members whose route key is gone are stale and pruned from the index on the way,
 * with a script that removes a member only while its route key is still absent, so a
 * device that reconnects meanwhile keeps its entry.
 * <p>
 * Two reads: {@link #current} always asks Redis (message delivery needs routes that are
 * no older than its queue write, see {@code Deliverer}); {@link #routes} serves
 * best-effort pushes (receipts) from a cache of non-empty results kept for
 * {@code chat.relay.route-cache-ttl}, where a stale entry costs at most one lost receipt
 * push.
 */
@Component
public class RouteDirectory {

    private static final Logger log = LoggerFactory.getLogger(RouteDirectory.class);

    /**
     * Removes a device from the index only if its route key does not exist (atomically).
     */
    private static final RedisScript<Long> PRUNE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 0 then
              return redis.call('SREM', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    private final RouteKeys keys;

    private final RouteCache cache;

    private final Counter cacheHits;

    private final Counter redisReads;

    private final Counter pruned;

    RouteDirectory(StringRedisTemplate redis, RouteKeys keys, ChatCaches caches, MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.cache = new RouteCache(caches.get(RelayCaches.ROUTES));
        this.cacheHits = Counter.builder("chat.relay.routes.lookups").tag("source", "cache").register(meters);
        this.redisReads = Counter.builder("chat.relay.routes.lookups").tag("source", "redis").register(meters);
        this.pruned = Counter.builder("chat.relay.routes.pruned").register(meters);
    }

    /**
     * The live routes of a user's devices, possibly up to
     * {@code chat.relay.route-cache-ttl} old.
     * @param user the user
     * @return one route per connected device, ordered by device id; empty when none is
     * connected
     * @throws org.springframework.dao.DataAccessException when Redis cannot be read
     */
    public List<Route> routes(UserId user) {
        List<Route> cached = cache.get(user);
        if (cached != null) {
            cacheHits.increment();
            return cached;
        }
        redisReads.increment();
        List<Route> routes = read(user);
        if (!routes.isEmpty()) {
            cache.put(user, routes);
        }
        return routes;
    }

    /**
     * The live routes of a user's devices as Redis has them now (never cached).
     * @param user the user
     * @return one route per connected device, ordered by device id; empty when none is
     * connected
     * @throws org.springframework.dao.DataAccessException when Redis cannot be read
     */
    public List<Route> current(UserId user) {
        redisReads.increment();
        return read(user);
    }

    /**
     * Forgets the cached routes of a user, e.g. because one of their devices just
     * connected or disconnected.
     * @param user the user
     */
    public void evict(UserId user) {
        cache.evict(user);
    }

    private List<Route> read(UserId user) {
        Set<String> members = redis.opsForSet().members(keys.devices(user));
        if (members == null || members.isEmpty()) {
            return List.of();
        }
        List<DeviceId> devices = new ArrayList<>(members.size());
        for (String member : members) {
            DeviceId device = deviceOrNull(member);
            if (device != null) {
                devices.add(device);
            }
        }
        List<String> routeKeys = devices.stream().map(device -> keys.route(user, device)).toList();
        List<String> values = routeKeys.isEmpty() ? List.of() : redis.opsForValue().multiGet(routeKeys);
        if (values == null || values.size() != devices.size()) {
            values = Collections.nCopies(devices.size(), null);
        }
        RouteResolution resolution = RouteResolution.resolve(user, devices, values);
        if (!resolution.malformed().isEmpty()) {
            log.warn("Ignoring malformed routes of user {} for devices {}", user, resolution.malformed());
        }
        prune(user, resolution.stale());
        return resolution.routes();
    }

    private void prune(UserId user, List<DeviceId> stale) {
        for (DeviceId device : stale) {
            try {
                Long removed = redis.execute(PRUNE, List.of(keys.devices(user), keys.route(user, device)),
                        device.value());
                if (removed != null && removed > 0) {
                    pruned.increment();
                    log.debug("Pruned stale route index entry {} of user {}", device, user);
                }
            }
            catch (RuntimeException ex) {
                // Pruning only tidies the index; the next reader tries again.
                log.debug("Could not prune stale route index entry {} of user {}", device, user, ex);
            }
        }
    }

    private static @Nullable DeviceId deviceOrNull(String member) {
        try {
            return DeviceId.of(member);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
