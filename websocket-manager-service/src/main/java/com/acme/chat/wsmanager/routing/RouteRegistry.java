package com.acme.chat.wsmanager.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.Route;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.wsmanager.config.WsManagerProperties;

/**
 * Writes this handler's routes to Redis. Every change is one Lua script, so a route and
 * the user's device index change together and a route is only ever removed or refreshed
 * by the connection that owns it: a connection that was replaced (same device, newer
 * connection, possibly on another handler) can no longer touch the newer route.
 * <p>
 * Redis layout (single Redis; the keys of one call are not co-located for Redis Cluster):
 * {@code route:{u}:{d} = "<handlerId>|<connectionId>"} with TTL {@code route-ttl},
 * {@code routes:{u}} = set of device ids with the same TTL.
 */
@Component
public class RouteRegistry {

    /** Claims the route; returns the previous value or ''. */
    static final String REGISTER = """
            local old = redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'GET')
            redis.call('SADD', KEYS[2], ARGV[3])
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            if old then return old end
            return ''
            """;

    /**
     * Compare-and-delete: removes the route only while it still names this connection.
     */
    static final String UNREGISTER = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('SREM', KEYS[2], ARGV[2])
              return 1
            end
            return 0
            """;

    /**
     * Heartbeat for a batch of connections (KEYS: route, index per connection; ARGV: ttl,
     * then value and device per connection). A route that is still ours gets its TTL
     * back; a missing one (expired, Redis restarted) is written again; one that names
     * another connection is reported as '<i> <value>' lines, because ours was replaced.
     */
    static final String REFRESH = """
            local ttl = ARGV[1]
            local out = {}
            for i = 1, #KEYS / 2 do
              local routeKey = KEYS[2 * i - 1]
              local devicesKey = KEYS[2 * i]
              local ours = ARGV[2 * i]
              local current = redis.call('GET', routeKey)
              if current == ours then
                redis.call('EXPIRE', routeKey, ttl)
                redis.call('EXPIRE', devicesKey, ttl)
              elseif not current then
                redis.call('SET', routeKey, ours, 'EX', ttl)
                redis.call('SADD', devicesKey, ARGV[2 * i + 1])
                redis.call('EXPIRE', devicesKey, ttl)
              else
                table.insert(out, i .. ' ' .. current)
              end
            end
            return table.concat(out, '\\n')
            """;

    /**
     * Connections per refresh script call, to keep each call short on the Redis thread.
     */
    static final int REFRESH_BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(RouteRegistry.class);

    private static final RedisScript<String> REGISTER_SCRIPT = RedisScript.of(REGISTER, String.class);

    private static final RedisScript<Long> UNREGISTER_SCRIPT = RedisScript.of(UNREGISTER, Long.class);

    private static final RedisScript<String> REFRESH_SCRIPT = RedisScript.of(REFRESH, String.class);

    private final ReactiveStringRedisTemplate redis;

    private final RouteKeys keys;

    private final JsonMapper json;

    private final String handlerId;

    private final String ttlSeconds;

    RouteRegistry(ReactiveStringRedisTemplate redis, RouteKeys keys, JsonMapper json, WsManagerProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.handlerId = properties.handlerId();
        this.ttlSeconds = Long.toString(Math.max(1, properties.routeTtl().toSeconds()));
    }

    /**
     * @return this handler's id, as it appears in routes
     */
    public String handlerId() {
        return handlerId;
    }

    /**
     * Points the device's route at this handler and connection.
     * @param user the user
     * @param device the device
     * @param connectionId the new connection
     * @return the route it replaced, if any (possibly one of the same connection, never
     * in practice)
     */
    public Mono<Optional<Route>> register(UserId user, DeviceId device, String connectionId) {
        return redis
            .execute(REGISTER_SCRIPT, List.of(keys.route(user, device), keys.devices(user)),
                    List.of(RouteKeys.routeValue(handlerId, connectionId), ttlSeconds, device.value()))
            .next()
            .defaultIfEmpty("")
            .map(old -> old.isEmpty() ? Optional.<Route>empty() : Optional.ofNullable(Route.parse(user, device, old)));
    }

    /**
     * Removes the device's route if it still names this connection.
     * @return whether it was removed
     */
    public Mono<Boolean> unregister(UserId user, DeviceId device, String connectionId) {
        return redis
            .execute(UNREGISTER_SCRIPT, List.of(keys.route(user, device), keys.devices(user)),
                    List.of(RouteKeys.routeValue(handlerId, connectionId), device.value()))
            .next()
            .map(removed -> removed == 1L)
            .defaultIfEmpty(false);
    }

    /**
     * Refreshes the TTL of the given connections' routes in batches, rewriting missing
     * ones.
     * @param connections the connections held here
     * @return the connections whose route turned out to name another connection: they
     * were replaced
     */
    public Flux<Replaced> refresh(List<LocalRoute> connections) {
        List<List<LocalRoute>> batches = new ArrayList<>();
        for (int from = 0; from < connections.size(); from += REFRESH_BATCH) {
            batches.add(connections.subList(from, Math.min(connections.size(), from + REFRESH_BATCH)));
        }
        return Flux.fromIterable(batches).concatMap(this::refreshBatch);
    }

    private Flux<Replaced> refreshBatch(List<LocalRoute> batch) {
        List<String> batchKeys = new ArrayList<>(batch.size() * 2);
        List<String> args = new ArrayList<>(batch.size() * 2 + 1);
        args.add(ttlSeconds);
        for (LocalRoute route : batch) {
            batchKeys.add(keys.route(route.user(), route.device()));
            batchKeys.add(keys.devices(route.user()));
            args.add(RouteKeys.routeValue(handlerId, route.connectionId()));
            args.add(route.device().value());
        }
        return redis.execute(REFRESH_SCRIPT, batchKeys, args).next().defaultIfEmpty("").flatMapIterable(out -> {
            List<Replaced> replaced = new ArrayList<>();
            for (String line : out.split("\n")) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    LocalRoute ours = batch.get(Integer.parseInt(line.substring(0, space)) - 1);
                    Route current = Route.parse(ours.user(), ours.device(), line.substring(space + 1));
                    if (current != null) {
                        replaced.add(new Replaced(ours, current));
                    }
                }
            }
            return replaced;
        });
    }

    /**
     * Tells the handler holding an older connection of a device to close it (4001). At
     * most once, like all pub/sub; the next heartbeat of that handler finds its route
     * replaced and closes the connection anyway.
     * @param previous the replaced route
     * @return completes once published
     */
    public Mono<Void> evictRemote(Route previous) {
        String message = json
            .writeValueAsString(new HandlerMessage.Evict(previous.user(), previous.device(), previous.connectionId()));
        return redis.convertAndSend(keys.handlerChannel(previous.handlerId()), message)
            .doOnNext(receivers -> log.debug("Sent evict of {} to handler {} ({} receivers)", previous.connectionId(),
                    previous.handlerId(), receivers))
            .then();
    }

    /**
     * The devices of a user that have a live route, with the handler holding each.
     * @param user the user
     * @return the routes; index entries whose route expired are skipped
     */
    public Flux<Route> routesOf(UserId user) {
        return redis.opsForSet().members(keys.devices(user)).collectList().flatMapMany(devices -> {
            List<DeviceId> ids = new ArrayList<>();
            for (String device : devices) {
                try {
                    ids.add(DeviceId.of(device));
                }
                catch (IllegalArgumentException ex) {
                    log.debug("Skipping malformed device id in the route index of user {}", user);
                }
            }
            if (ids.isEmpty()) {
                return Flux.empty();
            }
            List<String> routeKeys = ids.stream().map(device -> keys.route(user, device)).toList();
            return redis.opsForValue().multiGet(routeKeys).flatMapIterable(values -> {
                List<Route> routes = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    String value = values.get(i);
                    Route route = (value == null) ? null : Route.parse(user, ids.get(i), value);
                    if (route != null) {
                        routes.add(route);
                    }
                }
                return routes;
            });
        });
    }

    /**
     * One connection held by this handler, as far as routing is concerned.
     *
     * @param user the user
     * @param device the device
     * @param connectionId the connection
     */
    public record LocalRoute(UserId user, DeviceId device, String connectionId) {
    }

    /**
     * A connection of this handler whose route now names another connection.
     *
     * @param ours the connection held here
     * @param current the route that replaced it
     */
    public record Replaced(LocalRoute ours, Route current) {
    }

}
