package com.acme.chat.relay.device;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * {@code user_devices}: every device a user has connected with, so messages are queued
 * for the offline ones too. Devices are added on their first connect and never removed;
 * their queued rows expire with the queue TTL.
 */
@Repository
public class DeviceRegistry {

    private final CqlSession session;

    private final PreparedStatement selectAll;

    private final PreparedStatement selectOne;

    private final PreparedStatement insert;

    private final PreparedStatement updateLastSeen;

    DeviceRegistry(CqlSession session) {
        this.session = session;
        this.selectAll = session.prepare("SELECT device_id FROM user_devices WHERE user_id = ?");
        this.selectOne = session.prepare("SELECT first_seen FROM user_devices WHERE user_id = ? AND device_id = ?");
        this.insert = session
            .prepare("INSERT INTO user_devices (user_id, device_id, first_seen, last_seen) VALUES (?, ?, ?, ?)");
        this.updateLastSeen = session
            .prepare("UPDATE user_devices SET last_seen = ? WHERE user_id = ? AND device_id = ?");
    }

    /**
     * @param user the user
     * @return the user's known devices, ordered by device id
     */
    public Set<DeviceId> devices(UserId user) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        for (Row row : session.execute(selectAll.bind(user.value()).setIdempotent(true))) {
            devices.add(DeviceId.of(row.getString("device_id")));
        }
        return devices;
    }

    /**
     * Records that a device was seen (connected or disconnected) at a time, registering
     * it if it is new.
     * @param user the user
     * @param device the device
     * @param at when it was seen
     * @return whether the device was unknown until now
     */
    public boolean seen(UserId user, DeviceId device, Instant at) {
        Row existing = session.execute(selectOne.bind(user.value(), device.value()).setIdempotent(true)).one();
        if (existing == null) {
            session.execute(insert.bind(user.value(), device.value(), at, at).setIdempotent(true));
            return true;
        }
        session.execute(updateLastSeen.bind(at, user.value(), device.value()).setIdempotent(true));
        return false;
    }

}
