package com.acme.chat.relay.queue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.relay.config.RelayProperties;
import com.acme.chat.relay.routing.OutageLog;

/**
 * How many messages wait in each device's queue, counted in Redis so that the
 * {@code chat.relay.max-queue-per-device} check costs one round trip per delivery, not a
 * read of the queue: the hash {@code queue-size:{userId}} holds one field per device.
 * <p>
 * A delivery takes a place in each target device's count ({@link #admit}, one pipelined
 * round trip for all the recipients of a message); an ack gives back the places of the
 * rows it removed ({@link #removed}, one pipelined round trip for a batch of acks). The
 * count is an estimate: a redelivered Kafka record counts twice, rows that expire are not
 * given back, and Redis may lose it. So a device the count calls full is checked against
 * its queue before its messages are held back ({@link #correct}), and Redis being away
 * admits everything (counted in {@code chat.relay.queue_sizes.unavailable}), as for the
 * rate limits.
 */
@Component
public class QueueSizes {

    private static final Logger log = LoggerFactory.getLogger(QueueSizes.class);

    /**
     * KEYS[1] the user's hash; ARGV[1] the limit, ARGV[2] the hash's TTL in seconds,
     * ARGV[3..] the devices. Counts one more for each device below the limit; returns 1
     * for those and 0 for the full ones, in order.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADMIT = RedisScript.of("""
            local limit = tonumber(ARGV[1])
            local admitted = {}
            for i = 3, #ARGV do
              local size = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
              if size >= limit then
                admitted[i - 2] = 0
              else
                redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
                admitted[i - 2] = 1
              end
            end
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return admitted
            """, List.class);

    /** KEYS[1] the user's hash; ARGV[1] the device, ARGV[2] how many left its queue. */
    private static final RedisScript<Long> REMOVE = RedisScript.of("""
            local size = redis.call('HINCRBY', KEYS[1], ARGV[1], -tonumber(ARGV[2]))
            if size <= 0 then
              redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return size
            """, Long.class);

    private final StringRedisTemplate redis;

    private final RouteKeys keys;

    private final int limit;

    private final String ttlSeconds;

    private final Counter unavailable;

    private final OutageLog outage = new OutageLog(log, "Queue sizes cannot be counted in Redis",
            "queues are not limited meanwhile", "Queue sizes are counted again");

    QueueSizes(StringRedisTemplate redis, RouteKeys keys, RelayProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.limit = properties.maxQueuePerDevice();
        this.ttlSeconds = Long.toString(properties.queueTtl().toSeconds());
        this.unavailable = Counter.builder("chat.relay.queue_sizes.unavailable").register(meters);
    }

    /**
     * @return {@code chat.relay.max-queue-per-device}
     */
    public int limit() {
        return limit;
    }

    /**
     * Takes a place for one more message in the queue of each device that has room.
     * @param user the user
     * @param devices the devices a message is about to be queued for
     * @return the devices whose count says their queue is full (nothing was counted for
     * them); empty when Redis cannot be asked
     */
    public Set<DeviceId> admit(UserId user, Collection<DeviceId> devices) {
        return admit(Map.of(user, devices)).getOrDefault(user, Set.of());
    }

    /**
     * Takes a place for one more message in the queue of each device that has room, for
     * several users in one pipelined round trip: one script per user, since each user's
     * hash is a key of its own (a script over several users' keys would not run on a
     * Redis Cluster).
     * @param devices the devices a message is about to be queued for, by user
     * @return the devices whose count says their queue is full, by user (users with none
     * left out); empty when Redis cannot be asked
     */
    public Map<UserId, Set<DeviceId>> admit(Map<UserId, ? extends Collection<DeviceId>> devices) {
        Map<UserId, List<DeviceId>> ordered = new LinkedHashMap<>();
        devices.forEach((user, ofUser) -> {
            if (!ofUser.isEmpty()) {
                ordered.put(user, List.copyOf(ofUser));
            }
        });
        if (ordered.isEmpty()) {
            return Map.of();
        }
        List<Object> results;
        try {
            results = evalAdmits(ordered);
            outage.succeeded();
        }
        catch (RuntimeException ex) {
            failed("admit for " + ordered.size() + " user(s)", ex);
            return Map.of();
        }
        Map<UserId, Set<DeviceId>> full = new HashMap<>();
        int i = 0;
        for (Map.Entry<UserId, List<DeviceId>> entry : ordered.entrySet()) {
            Object admitted = (i < results.size()) ? results.get(i) : null;
            i++;
            List<DeviceId> ofUser = entry.getValue();
            for (int d = 0; admitted instanceof List<?> flags && d < ofUser.size() && d < flags.size(); d++) {
                if (flags.get(d) instanceof Long flag && flag == 0L) {
                    full.computeIfAbsent(entry.getKey(), user -> new HashSet<>()).add(ofUser.get(d));
                }
            }
        }
        return full;
    }

    /**
     * Runs the admit script once per user in one pipeline, by its SHA; when Redis does
     * not know the script (first use, or after a restart) it is loaded and the pipeline
     * runs once more. Admitting twice is harmless only because a failed pipeline counted
     * nothing: a NOSCRIPT reply runs no script.
     */
    private List<Object> evalAdmits(Map<UserId, List<DeviceId>> devices) {
        try {
            return pipelineAdmits(devices);
        }
        catch (RuntimeException ex) {
            if (!noScript(ex)) {
                throw ex;
            }
            redis.execute((RedisCallback<String>) connection -> connection.scriptingCommands()
                .scriptLoad(ADMIT.getScriptAsString().getBytes(StandardCharsets.UTF_8)));
            return pipelineAdmits(devices);
        }
    }

    private List<Object> pipelineAdmits(Map<UserId, List<DeviceId>> devices) {
        byte[] limitArg = bytes(Integer.toString(limit));
        byte[] ttlArg = bytes(ttlSeconds);
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            devices.forEach((user, ofUser) -> {
                byte[][] keysAndArgs = new byte[ofUser.size() + 3][];
                keysAndArgs[0] = bytes(key(user));
                keysAndArgs[1] = limitArg;
                keysAndArgs[2] = ttlArg;
                for (int d = 0; d < ofUser.size(); d++) {
                    keysAndArgs[d + 3] = bytes(ofUser.get(d).value());
                }
                connection.scriptingCommands().evalSha(ADMIT.getSha1(), ReturnType.MULTI, 1, keysAndArgs);
            });
            return null;
        });
    }

    private static boolean noScript(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
            if (cause instanceof RedisPipelineException pipeline) {
                for (Object result : pipeline.getPipelineResult()) {
                    if (result instanceof Throwable failure && noScript(failure)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Gives back the places of messages that left several devices' queues (a batch of
     * acks), in one pipelined round trip. The script goes as its text ({@code EVAL}), not
     * its SHA: it is a few lines, and a pipeline of {@code EVALSHA} would need the reload
     * and rerun that {@link #admit(Map)} does when Redis does not know it.
     * @param counts how many messages (not resync markers) left each device's queue, by
     * user and device
     */
    public void removed(Map<UserId, Map<DeviceId, Integer>> counts) {
        if (counts.isEmpty()) {
            return;
        }
        byte[] script = bytes(REMOVE.getScriptAsString());
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                counts.forEach((user, ofUser) -> ofUser.forEach((device, count) -> {
                    if (count > 0) {
                        connection.scriptingCommands()
                            .eval(script, ReturnType.INTEGER, 1, bytes(key(user)), bytes(device.value()),
                                    bytes(Integer.toString(count)));
                    }
                }));
                return null;
            });
            outage.succeeded();
        }
        catch (RuntimeException ex) {
            failed("release for " + counts.size() + " user(s)", ex);
        }
    }

    /**
     * Moves the count of messages that went from one queue of a user to another (the
     * pending queue's to the user's first device).
     * @param user the user
     * @param from the device whose queue they left
     * @param to the device whose queue took them
     * @param count how many
     */
    public void moved(UserId user, DeviceId from, DeviceId to, int count) {
        if (count <= 0) {
            return;
        }
        try {
            redis.execute(REMOVE, List.of(key(user)), from.value(), Integer.toString(count));
            redis.opsForHash().increment(key(user), to.value(), count);
            outage.succeeded();
        }
        catch (RuntimeException ex) {
            failed("move for " + user, ex);
        }
    }

    /**
     * Sets a device's count to what its queue really holds, after a check of the queue.
     * @param user the user
     * @param device the device
     * @param size the number of messages in its queue
     */
    public void correct(UserId user, DeviceId device, int size) {
        try {
            redis.opsForHash().put(key(user), device.value(), Integer.toString(size));
            outage.succeeded();
        }
        catch (RuntimeException ex) {
            failed("correction for " + user, ex);
        }
    }

    /**
     * Forgets a device's count, for a device whose queue was dropped.
     * @param user the user
     * @param device the device
     */
    public void forget(UserId user, DeviceId device) {
        try {
            redis.opsForHash().delete(key(user), device.value());
            outage.succeeded();
        }
        catch (RuntimeException ex) {
            failed("forget for " + user, ex);
        }
    }

    private String key(UserId user) {
        return keys.prefix() + "queue-size:" + user.value();
    }

    private void failed(String what, RuntimeException ex) {
        unavailable.increment();
        outage.failed(what, ex);
    }

}
