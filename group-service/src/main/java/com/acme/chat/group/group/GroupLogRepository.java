package com.acme.chat.group.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.id.GroupId;

/**
 * {@code group_log}, the source of truth of every group (ADR 0025), and
 * {@code group_outbox}, the groups that may have entries not yet on Kafka.
 * <p>
 * An append is one conditional batch of {@code INSERT ... IF NOT EXISTS} at the versions
 * after the one the caller read, so of two concurrent changes of a group exactly one is
 * applied; the other re-reads and decides again. The batch also sets the static header
 * (name, current version, member count) as of the last appended entry.
 */
@Repository
class GroupLogRepository {

    /** Shards of {@code group_outbox}, visited in turn by the sweep. */
    static final int OUTBOX_SHARDS = 16;

    /**
     * One entry of a group's log.
     *
     * @param event the change, with its {@code groupVersion}
     * @param published whether it is known to be on Kafka
     */
    record Entry(GroupEvent event, boolean published) {
    }

    /**
     * A group that may have unpublished entries, since {@code markedAt}.
     */
    record Mark(int shard, GroupId groupId, Instant markedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(GroupLogRepository.class);

    private final CqlSession session;

    private final ObjectWriter writer;

    private final ObjectReader reader;

    private final PreparedStatement insert;

    private final PreparedStatement entries;

    private final PreparedStatement markPublished;

    private final PreparedStatement mark;

    private final PreparedStatement marks;

    private final PreparedStatement unmark;

    GroupLogRepository(CqlSession session, JsonMapper json) {
        this.session = session;
        this.writer = json.writerFor(ChatEvent.class);
        this.reader = json.readerFor(GroupEvent.class);
        this.insert = session.prepare("INSERT INTO group_log (group_id, version, event, published, name, created_by, "
                + "created_at, current_version, member_count) VALUES (?, ?, ?, false, ?, ?, ?, ?, ?) IF NOT EXISTS");
        this.entries = session
            .prepare("SELECT version, event, published FROM group_log WHERE group_id = ? AND version > ?");
        this.markPublished = session
            .prepare("UPDATE group_log SET published = true WHERE group_id = ? AND version = ?");
        this.mark = session.prepare("INSERT INTO group_outbox (shard, group_id, marked_at) VALUES (?, ?, ?)");
        this.marks = session.prepare("SELECT group_id, marked_at FROM group_outbox WHERE shard = ?");
        this.unmark = session.prepare("DELETE FROM group_outbox WHERE shard = ? AND group_id = ? IF marked_at = ?");
    }

    /**
     * Appends the entries after {@code expectedVersion}, if no other change took those
     * versions first. Marks the group in the outbox before, so a crash after the append
     * leaves it for the sweep.
     * @param events the entries, at versions {@code expectedVersion + 1} onwards
     * @param after the group with the entries applied (for the static header)
     * @return whether the entries are known to be appended; false when another change
     * took the versions or when the outcome is unknown (read the log to know)
     */
    boolean append(GroupId group, long expectedVersion, List<GroupEvent> events, GroupState after, Instant now) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("Nothing to append to " + group);
        }
        session.execute(mark.bind(shardOf(group), group.value(), now));
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        long version = expectedVersion;
        for (GroupEvent event : events) {
            version++;
            if (event.groupVersion() != version || !event.groupId().equals(group)) {
                throw new IllegalArgumentException("Entry " + event.groupVersion() + " of " + event.groupId()
                        + " does not follow version " + (version - 1) + " of " + group);
            }
            BoundStatement entry = insert.bind(group.value(), version, writer.writeValueAsString(event), after.name(),
                    null, null, after.version(), after.memberCount());
            // Unset, not null: a null would delete the creator from the static header.
            entry = (event instanceof GroupCreated created)
                    ? entry.setString(4, created.createdBy().value()).setInstant(5, created.occurredAt())
                    : entry.unset(4).unset(5);
            batch.addStatement(entry);
        }
        try {
            return session.execute(batch.build()).wasApplied();
        }
        catch (WriteTimeoutException | CASWriteUnknownException | DriverTimeoutException ex) {
            // Under contention a Paxos round can time out with its outcome unknown: the
            // caller reads the log again, where an applied append shows (and its change
            // then changes nothing).
            log.debug("Append to group {} at version {} has an unknown outcome: {}", group, expectedVersion + 1,
                    ex.toString());
            return false;
        }
    }

    /** The whole log of a group, in version order; empty for an unknown group. */
    List<Entry> entries(GroupId group) {
        return entriesAfter(group, 0);
    }

    /** The entries after {@code version}, in version order. */
    List<Entry> entriesAfter(GroupId group, long version) {
        List<Entry> result = new ArrayList<>();
        for (Row row : session.execute(entries.bind(group.value(), version))) {
            String json = row.getString("event");
            if (json == null) {
                continue;
            }
            result.add(new Entry(reader.readValue(json), row.getBoolean("published")));
        }
        return result;
    }

    void markPublished(GroupId group, long version) {
        session.execute(markPublished.bind(group.value(), version));
    }

    /** The groups of one outbox shard that may have unpublished entries. */
    List<Mark> marks(int shard) {
        List<Mark> result = new ArrayList<>();
        for (Row row : session.execute(marks.bind(shard))) {
            result.add(new Mark(shard, GroupId.of(row.getString("group_id")), row.getInstant("marked_at")));
        }
        return result;
    }

    /**
     * Removes a group's mark unless a writer marked it again since it was read.
     */
    void unmark(Mark mark) {
        session.execute(unmark.bind(mark.shard(), mark.groupId().value(), mark.markedAt()));
    }

    static int shardOf(GroupId group) {
        return Math.floorMod(group.value().hashCode(), OUTBOX_SHARDS);
    }

}
