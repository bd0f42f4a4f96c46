package com.acme.chat.messaging.shard;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

/**
 * The table {@code shard_leases}: one row per (group, shard) naming its owner, the
 * owner's address, the tenure's epoch and a renewal counter. The only table messaging
 * still writes with lightweight transactions, at a rate that does not depend on traffic
 * (ADR 0014).
 */
@Repository
class LeaseRepository {

    /** A lease as stored. */
    record Lease(int shard, @Nullable String owner, @Nullable String address, long epoch, long renewal) {
    }

    /** The outcome of a conditional write. */
    enum Outcome {

        APPLIED, REJECTED,
        /** Timed out: it may or may not have been applied. */
        UNKNOWN

    }

    private static final ConsistencyLevel SERIAL = DefaultConsistencyLevel.LOCAL_SERIAL;

    private final CqlSession session;

    private final PreparedStatement read;

    private final PreparedStatement create;

    private final PreparedStatement takeOver;

    private final PreparedStatement renew;

    private final PreparedStatement release;

    LeaseRepository(CqlSession session) {
        this.session = session;
        this.read = session
            .prepare("SELECT shard, owner, address, epoch, renewal FROM shard_leases WHERE grp = ? AND shard = ?");
        this.create = session.prepare("INSERT INTO shard_leases (grp, shard, owner, address, epoch, renewal) "
                + "VALUES (?, ?, ?, ?, ?, 0) IF NOT EXISTS");
        this.takeOver = session.prepare("UPDATE shard_leases SET owner = ?, address = ?, epoch = ?, renewal = 0 "
                + "WHERE grp = ? AND shard = ? IF epoch = ? AND renewal = ?");
        this.renew = session.prepare("UPDATE shard_leases SET renewal = ?, epoch = ? WHERE grp = ? AND shard = ? "
                + "IF owner = ? AND epoch = ?");
        this.release = session.prepare("UPDATE shard_leases SET owner = null, address = null, renewal = ? "
                + "WHERE grp = ? AND shard = ? IF owner = ? AND epoch = ?");
    }

    /**
     * A plain quorum read: enough to watch a lease, since taking it over is a conditional
     * write that settles any Paxos round in flight.
     */
    Optional<Lease> read(String group, int shard) {
        Row row = session.execute(read.bind(group, shard)).one();
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Lease(row.getInt("shard"), row.getString("owner"), row.getString("address"),
                row.getLong("epoch"), row.getLong("renewal")));
    }

    Outcome create(String group, int shard, String owner, String address, long epoch) {
        return conditional(create.bind(group, shard, owner, address, epoch));
    }

    Outcome takeOver(String group, int shard, String owner, String address, long epoch, long expectedEpoch,
            long expectedRenewal) {
        return conditional(takeOver.bind(owner, address, epoch, group, shard, expectedEpoch, expectedRenewal));
    }

    /**
     * Renews without waiting, so a round renews every shard it holds in one round trip;
     * any failure counts as {@link Outcome#UNKNOWN} (the last applied deadline stays).
     */
    CompletableFuture<Outcome> renew(String group, int shard, String owner, long epoch, long renewal, long newEpoch) {
        return session
            .executeAsync(renew.bind(renewal, newEpoch, group, shard, owner, epoch).setSerialConsistencyLevel(SERIAL))
            .toCompletableFuture()
            .handle((result, failure) -> {
                if (failure != null) {
                    return Outcome.UNKNOWN;
                }
                return result.wasApplied() ? Outcome.APPLIED : Outcome.REJECTED;
            });
    }

    Outcome release(String group, int shard, String owner, long epoch, long renewal) {
        return conditional(release.bind(renewal, group, shard, owner, epoch));
    }

    private Outcome conditional(BoundStatement statement) {
        try {
            return session.execute(statement.setSerialConsistencyLevel(SERIAL)).wasApplied() ? Outcome.APPLIED
                    : Outcome.REJECTED;
        }
        catch (RuntimeException ex) {
            if (LwtOutcomes.isUnknown(ex)) {
                return Outcome.UNKNOWN;
            }
            throw ex;
        }
    }

}
