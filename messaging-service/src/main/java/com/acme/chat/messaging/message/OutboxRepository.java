package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;

/**
 * The shards' outbox (ADR 0016): {@code shard_outbox}, one row per stored message in a
 * partition per (group, shard, minute of sentAt), and {@code shard_published}, the time
 * before which every message of a shard has been published. The send path only writes
 * here; a new owner reads the minutes from the mark on.
 */
@Repository
class OutboxRepository {

    /** A message the outbox names: where it is stored and who gets it. */
    record Entry(ConversationId conversation, long seq, List<UserId> members) {
    }

    private final CqlSession session;

    private final PreparedStatement insert;

    private final PreparedStatement readMinute;

    private final PreparedStatement writeMark;

    private final PreparedStatement readMark;

    OutboxRepository(CqlSession session) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO shard_outbox (grp, shard, minute, sent_at, conversation_id, seq, "
                + "members) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.readMinute = session.prepare("SELECT sent_at, conversation_id, seq, members FROM shard_outbox "
                + "WHERE grp = ? AND shard = ? AND minute = ?");
        this.writeMark = session
            .prepare("UPDATE shard_published USING TIMESTAMP ? SET published_before = ? WHERE grp = ? AND shard = ?");
        this.readMark = session.prepare("SELECT published_before FROM shard_published WHERE grp = ? AND shard = ?");
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), 60_000L);
    }

    CompletionStage<AsyncResultSet> insert(String group, int shard, StoredMessage message, List<UserId> members,
            long writeTimestamp) {
        List<String> memberIds = members.stream().map(UserId::value).toList();
        return session.executeAsync(insert.bind(group, shard, minuteOf(message.sentAt()), message.sentAt(),
                message.conversationId().value(), message.seq(), memberIds, writeTimestamp));
    }

    /**
     * @return the messages the outbox names with a sentAt from {@code from} on, each
     * conversation's in seq order
     */
    List<Entry> readFrom(String group, int shard, Instant from, Instant until) {
        List<Entry> entries = new ArrayList<>();
        for (long minute = minuteOf(from); minute <= minuteOf(until); minute++) {
            for (Row row : session.execute(readMinute.bind(group, shard, minute))) {
                Instant sentAt = row.getInstant("sent_at");
                if (sentAt == null || sentAt.isBefore(from)) {
                    continue;
                }
                List<UserId> members = row.getList("members", String.class).stream().map(UserId::of).toList();
                entries
                    .add(new Entry(ConversationId.of(row.getString("conversation_id")), row.getLong("seq"), members));
            }
        }
        return entries;
    }

    CompletionStage<AsyncResultSet> writeMark(String group, int shard, Instant publishedBefore, long writeTimestamp) {
        return session.executeAsync(writeMark.bind(writeTimestamp, publishedBefore, group, shard));
    }

    Optional<Instant> readMark(String group, int shard) {
        Row row = session.execute(readMark.bind(group, shard)).one();
        return Optional.ofNullable((row == null) ? null : row.getInstant("published_before"));
    }

}
