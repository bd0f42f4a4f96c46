package com.acme.chat.relay.device;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.relay.config.RelayCaches;

/**
 * {@code user_devices}: every device a user has connected with, so messages are queued
 * for the offline ones too. Devices are added on their first connect and never removed;
 * their queued rows expire with the queue TTL. {@code last_seen} is the first connect's
 * time, then the time of the latest disconnect.
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

    DeviceRegistry(CqlSession session, ChatCaches caches, DeviceChanges changes) {
        this.session = session;
        this.cache = caches.get(RelayCaches.DEVICES);
        this.changes = changes;
        this.selectAll = session.prepare("SELECT device_id FROM user_devices WHERE user_id = ?");
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
        session.execute(insert.bind(user.value(), device.value(), at, at).setIdempotent(true));
        changed(user);
        return true;
    }

    /**
     * Records that a device disconnected (its last-seen time), registering it if it was
     * not known.
     * @param user the user
     * @param device the device
     * @param at when it disconnected
     */
    public void disconnected(UserId user, DeviceId device, Instant at) {
        boolean known = devices(user).contains(device);
        session.execute(updateLastSeen.bind(at, user.value(), device.value()).setIdempotent(true));
        if (!known) {
            changed(user);
        }
    }

    /** Drops the cached list of a user on this instance. */
    void forget(UserId user) {
        cache.invalidate(user);
    }

    private void changed(UserId user) {
        forget(user);
        changes.publish(user);
    }

    private Set<DeviceId> read(UserId user) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        for (Row row : session.execute(selectAll.bind(user.value()).setIdempotent(true))) {
            devices.add(DeviceId.of(row.getString("device_id")));
        }
        return Collections.unmodifiableSet(devices);
    }

}
