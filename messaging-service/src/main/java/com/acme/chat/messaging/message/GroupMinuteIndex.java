package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.messaging.config.MessagingCaches;
import com.acme.chat.messaging.shard.Tenure;

/**
 * {@code group_seq_by_minute} (docs/adr/0028): where each minute begins in a group's seq
 * stream, so Get-Message finds a {@code before} timestamp in the stream with one read
 * instead of scanning it from its head.
 * <p>
 * <b>Invariant.</b> Every stored group message has a row for the minute of its
 * {@code sentAt}, written before the message (the writer writes it with the first message
 * of each minute it sees in its tenure, in the writer slot, and the message only after
 * the row is written). A row names a seq of its minute (the first one the writer saw; a
 * later writer may overwrite it with a later seq of the same minute, or name a seq whose
 * write failed and that a later message reused, which is later still). Readers use rows
 * only as upper bounds, which every one of these cases keeps.
 */
@Repository
class GroupMinuteIndex {

    private static final long MINUTE_MILLIS = 60_000;

    /** The minute a writer last indexed for a conversation, in one tenure. */
    record Marked(long tenureId, long minute) {
    }

    private final CqlSession session;

    private final Cache<ConversationId, Marked> marked;

    private final PreparedStatement insert;

    private final PreparedStatement fromMinute;

    private final PreparedStatement upToMinute;

    GroupMinuteIndex(CqlSession session, ChatCaches caches) {
        this.session = session;
        this.marked = caches.get(MessagingCaches.GROUP_MINUTES);
        this.insert = session.prepare(
                "INSERT INTO group_seq_by_minute (conversation_id, minute, first_seq) VALUES (?, ?, ?) USING TIMESTAMP ?");
        this.fromMinute = session.prepare("SELECT minute, first_seq FROM group_seq_by_minute WHERE conversation_id = ? "
                + "AND minute >= ? ORDER BY minute ASC LIMIT 1");
        this.upToMinute = session
            .prepare("SELECT minute FROM group_seq_by_minute WHERE conversation_id = ? AND minute <= ? LIMIT 1");
    }

    /**
     * @return the epoch minute an instant falls in
     */
    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), MINUTE_MILLIS);
    }

    /**
     * @return the first instant of an epoch minute
     */
    static Instant startOf(long minute) {
        return Instant.ofEpochMilli(minute * MINUTE_MILLIS);
    }

    /**
     * @return the first epoch minute that starts at or after an instant
     */
    static long firstMinuteFrom(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli() + MINUTE_MILLIS - 1, MINUTE_MILLIS);
    }

    /**
     * Writes the row of the message's minute unless this tenure already wrote it (call in
     * the group's writer slot, and store the message only after the returned stage
     * completed). Fenced by the tenure's timestamp like the message (ADR 0014).
     * @return done at once when the minute is indexed already
     */
    CompletableFuture<Void> mark(StoredMessage message, Tenure tenure) {
        ConversationId conversation = message.conversationId();
        long minute = minuteOf(message.sentAt());
        Marked last = marked.getIfPresent(conversation);
        if (last != null && last.tenureId() == tenure.id() && last.minute() == minute) {
            return CompletableFuture.completedFuture(null);
        }
        return session
            .executeAsync(insert.bind(conversation.value(), minute, message.seq(), tenure.nextWriteTimestamp()))
            .toCompletableFuture()
            // Remembered only once written: a failed write is tried again by the next
            // message of the minute.
            .thenRun(() -> marked.put(conversation, new Marked(tenure.id(), minute)));
    }

    /**
     * @return the seq named by the earliest indexed minute at or after {@code minute},
     * empty when no later minute is indexed
     */
    OptionalLong seqFrom(ConversationId conversation, long minute) {
        Row row = session.execute(fromMinute.bind(conversation.value(), minute)).one();
        return (row == null) ? OptionalLong.empty() : OptionalLong.of(row.getLong("first_seq"));
    }

    /**
     * @return the newest indexed minute at or before {@code minute}, empty when the group
     * had no message by then
     */
    CompletionStage<OptionalLong> newestUpTo(ConversationId conversation, long minute) {
        return session.executeAsync(upToMinute.bind(conversation.value(), minute)).thenApply(GroupMinuteIndex::minute);
    }

    private static OptionalLong minute(AsyncResultSet rows) {
        Row row = rows.one();
        return (row == null) ? OptionalLong.empty() : OptionalLong.of(row.getLong("minute"));
    }

}
