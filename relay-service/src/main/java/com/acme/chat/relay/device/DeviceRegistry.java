package com.acme.chat.relay.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.relay.config.RelayCaches;
import com.acme.chat.relay.config.RelayProperties;
import com.acme.chat.relay.queue.CassandraInFlight;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * {@code user_devices}: every device a user has connected with, so messages are queued
 * for the offline ones too. {@code last_seen} is the first connect's time, then the time
 * of the latest disconnect.
 * <p>
 * <b>Bounded.</b> A user has at most {@code chat.relay.max-devices-per-user} devices (6,
 * as Signal links): a new device past that is refused with {@code too_many_devices}.
 * Devices unseen for {@code chat.relay.device-idle-timeout} (30 days, the queue's own
 * TTL) are gone: they get no more messages queued, and the next new device of the user
 * removes them (never one that is connected now) before counting. Their queued rows
 * expire with the queue TTL.
 * <p>
 * <b>Cached.</b> The device list is read for every recipient of every message, so each
 * instance keeps it in the Caffeine cache {@code devices}
 * ({@code chat.relay.device-cache-*}). A registration drops the user's entry here and,
 * through {@link DeviceChanges}, on every other relay instance. A stale entry can only
 * lack a device that registered moments ago on another instance; that device is connected
 * then, and delivery reads the live routes afresh after queueing and queues for any
 * routed device the list lacked (see {@code Deliverer}). Only if the broadcast is lost
 * (Redis away) may an instance miss a new device that has gone offline again, for at most
 * the cache's TTL; that device then sees a gap in {@code seq} and fetches the missing
 * messages from messaging.
 */
@Repository
public class DeviceRegistry {

    private final CqlSession session;

    private final Cache<UserId, Set<DeviceId>> cache;

    private final DeviceChanges changes;

    private final PreparedStatement selectAll;

    private final PreparedStatement insert;

    private final PreparedStatement updateLastSeen;

    private final PreparedStatement delete;

    private final RouteDirectory routes;

    private final CassandraInFlight inFlight;

    private final int maxDevices;

    private final Duration idleTimeout;

    private final Counter removedIdle;

    private final Counter refused;

    private final Counter removedByUser;

    DeviceRegistry(CqlSession session, ChatCaches caches, DeviceChanges changes, RouteDirectory routes,
            RelayProperties properties, CassandraInFlight inFlight, MeterRegistry meters) {
        this.session = session;
        this.inFlight = inFlight;
        this.cache = caches.get(RelayCaches.DEVICES);
        this.changes = changes;
        this.routes = routes;
        this.maxDevices = properties.maxDevicesPerUser();
        this.idleTimeout = properties.deviceIdleTimeout();
        this.removedIdle = Counter.builder("chat.relay.devices.removed").tag("reason", "idle").register(meters);
        this.refused = Counter.builder("chat.relay.devices.refused").register(meters);
        this.removedByUser = Counter.builder("chat.relay.devices.removed").tag("reason", "user").register(meters);
        this.selectAll = session.prepare("SELECT device_id, first_seen, last_seen FROM user_devices WHERE user_id = ?");
        this.delete = session.prepare("DELETE FROM user_devices WHERE user_id = ? AND device_id = ?");
        this.insert = session
            .prepare("INSERT INTO user_devices (user_id, device_id, first_seen, last_seen) VALUES (?, ?, ?, ?)");
        this.updateLastSeen = session
            .prepare("UPDATE user_devices SET last_seen = ? WHERE user_id = ? AND device_id = ?");
        changes.onChange(this::forget);
    }

    /**
     * @param user the user
     * @return the user's known devices, ordered by device id; possibly without a device
     * registered on another instance a moment ago
     */
    public Set<DeviceId> devices(UserId user) {
        return cache.get(user, this::read);
    }

    /**
     * The known devices of several users: cached lists as they are, the missing ones read
     * from Cassandra at once (not one user after the other), within
     * {@code chat.relay.fanout-requests-in-flight}.
     * @param users the users
     * @return each user's known devices, ordered by device id
     */
    public Map<UserId, Set<DeviceId>> devices(Collection<UserId> users) {
        return cache.getAll(users, this::read);
    }

    /**
     * Registers a connecting device if it is new (one read of the cached list otherwise).
     * @param user the user
     * @param device the device
     * @param at when it connected
     * @return whether the device was unknown until now
     */
    public boolean register(UserId user, DeviceId device, Instant at) {
        if (devices(user).contains(device)) {
            return false;
        }
        Map<DeviceId, Instant> known = readAll(user);
        if (!known.containsKey(device)) {
            int kept = known.size() - removeIdle(user, known, at);
            if (kept >= maxDevices) {
                refused.increment();
                throw new ChatException(ErrorCode.TOO_MANY_DEVICES, "A user may have at most " + maxDevices
                        + " devices; a device unused for " + idleTimeout.toDays() + " days is removed by itself");
            }
        }
        session.execute(insert.bind(user.value(), device.value(), at, at).setIdempotent(true));
        changed(user);
        return true;
    }

    /**
     * Deletes the user's devices unseen for the idle timeout and not connected now.
     * @return how many were deleted
     */
    private int removeIdle(UserId user, Map<DeviceId, Instant> known, Instant now) {
        Instant idleBefore = now.minus(idleTimeout);
        List<DeviceId> idle = known.entrySet()
            .stream()
            .filter(entry -> entry.getValue().isBefore(idleBefore))
            .map(Map.Entry::getKey)
            .toList();
        if (idle.isEmpty()) {
            return 0;
        }
        Set<DeviceId> connected = new HashSet<>();
        routes.current(user).forEach(route -> connected.add(route.device()));
        int removed = 0;
        for (DeviceId device : idle) {
            if (!connected.contains(device)) {
                session.execute(delete.bind(user.value(), device.value()).setIdempotent(true));
                removed++;
            }
        }
        removedIdle.increment(removed);
        return removed;
    }

    /**
     * Records that a device disconnected (its last-seen time). A device that is not
     * registered stays so: it registers when it connects, and one its user removed must
     * not come back through its own late disconnect.
     * @param user the user
     * @param device the device
     * @param at when it disconnected
     */
    public void disconnected(UserId user, DeviceId device, Instant at) {
        if (!devices(user).contains(device) && !readAll(user).containsKey(device)) {
            // Removed by its user (or never registered): an update would bring it back.
            return;
        }
        session.execute(updateLastSeen.bind(at, user.value(), device.value()).setIdempotent(true));
    }

    /**
     * Every registered device of the user, idle ones included.
     * @param user the user
     * @return the devices, ordered by device id
     */
    public List<RegisteredDevice> list(UserId user) {
        List<RegisteredDevice> devices = new ArrayList<>();
        for (Row row : session.execute(selectAll.bind(user.value()).setIdempotent(true))) {
            Instant lastSeen = row.getInstant("last_seen");
            Instant firstSeen = row.getInstant("first_seen");
            devices.add(new RegisteredDevice(DeviceId.of(row.getString("device_id")),
                    (firstSeen != null) ? firstSeen : lastSeen, lastSeen,
                    lastSeen == null || lastSeen.isBefore(Instant.now().minus(idleTimeout))));
        }
        return devices;
    }

    /**
     * Forgets a device of the user, which frees its place under the device limit.
     * @param user the user
     * @param device the device
     * @return whether it was registered
     */
    public boolean remove(UserId user, DeviceId device) {
        if (!readAll(user).containsKey(device)) {
            return false;
        }
        session.execute(delete.bind(user.value(), device.value()).setIdempotent(true));
        removedByUser.increment();
        changed(user);
        return true;
    }

    /**
     * A registered device.
     *
     * @param deviceId the device
     * @param firstSeen when it first connected
     * @param lastSeen when it last disconnected (or first connected)
     * @param idle whether it is past the idle timeout (gets nothing queued, goes at the
     * user's next new device)
     */
    public record RegisteredDevice(DeviceId deviceId, @Nullable Instant firstSeen, @Nullable Instant lastSeen,
            boolean idle) {
    }

    /** Drops the cached list of a user on this instance. */
    void forget(UserId user) {
        cache.invalidate(user);
    }

    private void changed(UserId user) {
        forget(user);
        changes.publish(user);
    }

    /**
     * The devices messages are queued for: those seen within the idle timeout. (A device
     * connected for longer than that without a disconnect is left out here, but delivery
     * queues for every routed device the list lacks.)
     */
    private Set<DeviceId> read(UserId user) {
        return usable(readAll(user));
    }

    /** {@link #read} for several users, their reads in flight together. */
    private Map<UserId, Set<DeviceId>> read(Set<? extends UserId> users) {
        Map<UserId, CompletableFuture<Map<DeviceId, Instant>>> reads = new LinkedHashMap<>();
        for (UserId user : users) {
            reads.put(user,
                    inFlight.submit(() -> session.executeAsync(selectAll.bind(user.value()).setIdempotent(true)))
                        // A user has a handful of devices: the first page holds them all.
                        .thenApply(rows -> lastSeen(rows.currentPage())));
        }
        CassandraInFlight.join(reads.values());
        Map<UserId, Set<DeviceId>> devices = new LinkedHashMap<>();
        reads.forEach((user, read) -> devices.put(user, usable(read.join())));
        return devices;
    }

    private Set<DeviceId> usable(Map<DeviceId, Instant> known) {
        Instant idleBefore = Instant.now().minus(idleTimeout);
        Set<DeviceId> devices = new LinkedHashSet<>();
        known.forEach((device, lastSeen) -> {
            if (!lastSeen.isBefore(idleBefore)) {
                devices.add(device);
            }
        });
        return Collections.unmodifiableSet(devices);
    }

    /**
     * Every registered device of the user with its last-seen time, ordered by device id.
     */
    private Map<DeviceId, Instant> readAll(UserId user) {
        return lastSeen(session.execute(selectAll.bind(user.value()).setIdempotent(true)));
    }

    private static Map<DeviceId, Instant> lastSeen(Iterable<Row> rows) {
        Map<DeviceId, Instant> devices = new LinkedHashMap<>();
        for (Row row : rows) {
            Instant lastSeen = row.getInstant("last_seen");
            devices.put(DeviceId.of(row.getString("device_id")), (lastSeen != null) ? lastSeen : Instant.EPOCH);
        }
        return devices;
    }

}
