package com.acme.chat.relay.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.RedisCallback;
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
 * Two reads: {@link #current} always asks Redis (for many users at once in two pipelined
 * round trips) (message delivery needs routes that are no older than its queue write, see
 * {@code Deliverer}); {@link #routes} serves best-effort pushes (receipts) from a cache
 * of non-empty results kept for {@code chat.relay.route-cache-ttl}, where a stale entry
 * costs at most one lost receipt push.
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
     * The live routes of several users' devices as Redis has them now (never cached), in
     * two pipelined round trips whatever the number of users: every index, then every
     * user's route keys.
     * @param users the users
     * @return for each user, one route per connected device, ordered by device id (empty
     * when none is connected)
     * @throws org.springframework.dao.DataAccessException when Redis cannot be read
     */
    public Map<UserId, List<Route>> current(Collection<UserId> users) {
        List<UserId> ordered = List.copyOf(new LinkedHashSet<>(users));
        redisReads.increment(ordered.size());
        return read(ordered);
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
        return read(List.of(user)).get(user);
    }

    private Map<UserId, List<Route>> read(List<UserId> users) {
        List<Object> indexes = redis.executePipelined((RedisCallback<Object>) connection -> {
            users.forEach(user -> connection.setCommands().sMembers(bytes(keys.devices(user))));
            return null;
        });
        Map<UserId, List<DeviceId>> indexed = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            List<DeviceId> devices = devices((i < indexes.size()) ? indexes.get(i) : null);
            if (!devices.isEmpty()) {
                indexed.put(users.get(i), devices);
            }
        }
        List<Object> values = indexed.isEmpty() ? List.of()
                : redis.executePipelined((RedisCallback<Object>) connection -> {
                    indexed.forEach((user, devices) -> connection.stringCommands()
                        .mGet(devices.stream().map(device -> bytes(keys.route(user, device))).toArray(byte[][]::new)));
                    return null;
                });
        Map<UserId, List<Route>> routes = new LinkedHashMap<>();
        users.forEach(user -> routes.put(user, List.of()));
        int i = 0;
        for (Map.Entry<UserId, List<DeviceId>> entry : indexed.entrySet()) {
            Object read = (i < values.size()) ? values.get(i) : null;
            i++;
            routes.put(entry.getKey(), resolve(entry.getKey(), entry.getValue(), read));
        }
        return routes;
    }

    private List<Route> resolve(UserId user, List<DeviceId> devices, @Nullable Object read) {
        List<@Nullable String> values = new ArrayList<>(devices.size());
        if (read instanceof List<?> list && list.size() == devices.size()) {
            list.forEach(value -> values.add((value != null) ? value.toString() : null));
        }
        else {
            values.addAll(Collections.nCopies(devices.size(), null));
        }
        RouteResolution resolution = RouteResolution.resolve(user, devices, values);
        if (!resolution.malformed().isEmpty()) {
            log.warn("Ignoring malformed routes of user {} for devices {}", user, resolution.malformed());
        }
        prune(user, resolution.stale());
        return resolution.routes();
    }

    /**
     * The devices an index ({@code SMEMBERS routes:{u}}) named, malformed ones left out.
     */
    private static List<DeviceId> devices(@Nullable Object members) {
        if (!(members instanceof Collection<?> names)) {
            return List.of();
        }
        List<DeviceId> devices = new ArrayList<>(names.size());
        for (Object member : names) {
            DeviceId device = (member != null) ? deviceOrNull(member.toString()) : null;
            if (device != null) {
                devices.add(device);
            }
        }
        return devices;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
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
