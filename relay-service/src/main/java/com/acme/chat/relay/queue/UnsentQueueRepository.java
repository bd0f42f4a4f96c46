package com.acme.chat.relay.queue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.SystemEvent;
import com.acme.chat.relay.config.RelayProperties;

/**
 * {@code unsent_messages}: one partition per (user, device), clustered by (conversation,
 * seq), so a device's backlog reads back in per-conversation {@code seq} order, page by
 * page.
 * <p>
 * Writes are idempotent: a row's primary key is (recipient, device, conversation, seq)
 * and its write timestamp is the message's {@code sentAt}, so writing the same message
 * again produces the same row, and the tombstone of an ack (written with a later
 * timestamp) shadows a late re-insert of the same message. Every row carries the
 * remaining retention TTL ({@code chat.relay.queue-ttl}).
 */
@Repository
public class UnsentQueueRepository {

    /**
     * The pseudo device holding messages for a user with no known device yet; the next
     * device of the user that connects takes them over ({@link #claimUnassigned}).
     */
    public static final DeviceId UNASSIGNED = DeviceId.of("*");

    /**
     * The clustering {@code seq} of a conversation's resync marker: after every message,
     * so a replay hands it over after the conversation's queued messages.
     */
    public static final long RESYNC_SEQ = Long.MAX_VALUE;

    private static final TypeReference<List<MediaRef>> MEDIA_LIST = new TypeReference<>() {
    };

    private static final String COLUMNS = "conversation_id, seq, message_id, sender_id, sender_device, group_id, "
            + "content, media, sent_at, up_to_seq, system";

    private final CqlSession session;

    private final JsonMapper json;

    private final int pageSize;

    private final int queueTtlSeconds;

    private final PreparedStatement insert;

    private final PreparedStatement selectDevice;

    private final PreparedStatement selectFirstPage;

    private final PreparedStatement selectPageAfter;

    private final PreparedStatement selectConversation;

    private final PreparedStatement delete;

    private final PreparedStatement insertResync;

    private final PreparedStatement selectResync;

    private final PreparedStatement selectSeqs;

    private final PreparedStatement deleteQueue;

    UnsentQueueRepository(CqlSession session, JsonMapper json, RelayProperties properties) {
        this.session = session;
        this.json = json;
        this.pageSize = properties.replayBatchSize();
        this.queueTtlSeconds = (int) Math.min(Integer.MAX_VALUE, properties.queueTtl().toSeconds());
        this.insert = session.prepare("INSERT INTO unsent_messages (recipient_id, device_id, conversation_id, seq, "
                + "message_id, sender_id, sender_device, group_id, content, media, sent_at, system) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?");
        this.selectDevice = session.prepare("SELECT " + COLUMNS + ", TTL(message_id) AS remaining_ttl "
                + "FROM unsent_messages WHERE recipient_id = ? AND device_id = ?");
        this.selectFirstPage = session
            .prepare("SELECT " + COLUMNS + " FROM unsent_messages WHERE recipient_id = ? AND device_id = ? LIMIT ?");
        this.selectPageAfter = session.prepare("SELECT " + COLUMNS + " FROM unsent_messages "
                + "WHERE recipient_id = ? AND device_id = ? AND (conversation_id, seq) > (?, ?) LIMIT ?");
        this.selectConversation = session.prepare("SELECT seq, message_id, sent_at, up_to_seq FROM unsent_messages "
                + "WHERE recipient_id = ? AND device_id = ? AND conversation_id = ?");
        this.delete = session.prepare("DELETE FROM unsent_messages USING TIMESTAMP ? "
                + "WHERE recipient_id = ? AND device_id = ? AND conversation_id = ? AND seq = ?");
        this.insertResync = session.prepare("INSERT INTO unsent_messages (recipient_id, device_id, conversation_id, "
                + "seq, message_id, sender_id, sent_at, up_to_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "USING TTL ? AND TIMESTAMP ?");
        this.selectResync = session.prepare("SELECT up_to_seq FROM unsent_messages "
                + "WHERE recipient_id = ? AND device_id = ? AND conversation_id = ? AND seq = ?");
        this.deleteQueue = session.prepare("DELETE FROM unsent_messages WHERE recipient_id = ? AND device_id = ?");
        this.selectSeqs = session
            .prepare("SELECT seq FROM unsent_messages WHERE recipient_id = ? AND device_id = ? LIMIT ?");
    }

    /**
     * Queues a message for each of the given devices of a user; writing the same message
     * again changes nothing.
     * @param recipient the user
     * @param devices the devices (or {@link #UNASSIGNED}) to queue it for
     * @param message the message
     */
    public void enqueue(UserId recipient, Collection<DeviceId> devices, QueuedMessage message) {
        for (DeviceId device : devices) {
            session.execute(insertStatement(recipient, device, message, queueTtlSeconds));
        }
    }

    /**
     * Starts queuing a message for one device of a user, without waiting (a delivery to
     * many devices writes their rows at once and waits for all of them together); writing
     * the same message again changes nothing.
     * @param recipient the user
     * @param device the device (or {@link #UNASSIGNED}) to queue it for
     * @param message the message
     * @return completes when the row is written
     */
    public CompletionStage<?> enqueueAsync(UserId recipient, DeviceId device, QueuedMessage message) {
        return session.executeAsync(insertStatement(recipient, device, message, queueTtlSeconds));
    }

    /**
     * Puts (or raises) the resync marker of {@code message}'s conversation in a device's
     * queue: the message, and any earlier one of the conversation that was not queued,
     * are to be fetched from history. A marker for a higher seq already there wins.
     * @param recipient the user
     * @param device the device whose queue is full
     * @param message the message that was not queued
     */
    public void markResync(UserId recipient, DeviceId device, QueuedMessage message) {
        session.execute(resyncStatement(recipient, device, message.toResyncMarker(), queueTtlSeconds));
    }

    /**
     * @param user the user
     * @param device the device
     * @param conversation the conversation
     * @return whether the device's queue holds a resync marker of the conversation
     */
    public boolean hasResync(UserId user, DeviceId device, ConversationId conversation) {
        return session
            .execute(selectResync.bind(user.value(), device.value(), conversation.value(), RESYNC_SEQ)
                .setIdempotent(true))
            .one() != null;
    }

    /**
     * Counts the messages (not the resync markers) queued for a device, reading no more
     * than {@code atMost} rows of its queue.
     * @param user the user
     * @param device the device
     * @param atMost where to stop counting
     * @return the number of queued messages, at most about {@code atMost}
     */
    public int countMessages(UserId user, DeviceId device, int atMost) {
        int count = 0;
        for (Row row : session
            .execute(selectSeqs.bind(user.value(), device.value(), atMost).setPageSize(1000).setIdempotent(true))) {
            if (row.getLong("seq") != RESYNC_SEQ) {
                count++;
            }
        }
        return count;
    }

    /**
     * Deletes a device's whole queue (one partition tombstone), for a device its user
     * removed.
     * @param user the user
     * @param device the device
     */
    public void dropQueue(UserId user, DeviceId device) {
        session.execute(deleteQueue.bind(user.value(), device.value()).setIdempotent(true));
    }

    /**
     * Hands every queued message of a device to {@code action}, oldest first per
     * conversation, reading {@code chat.relay.replay-batch-size} rows per page.
     * @param user the user
     * @param device the device
     * @param action what to do with each message
     * @return how many messages were handed over
     */
    public int forEach(UserId user, DeviceId device, Consumer<QueuedMessage> action) {
        int count = 0;
        for (Row row : session.execute(paged(selectDevice, user.value(), device.value()))) {
            action.accept(message(row));
            count++;
        }
        return count;
    }

    /**
     * One page of a device's queue in (conversation, seq) order: the oldest messages per
     * conversation first.
     * @param user the user
     * @param device the device
     * @param after where the previous page ended (exclusive), or null for the first page
     * @param limit at most this many messages
     * @return the messages; fewer than {@code limit} only on the last page
     */
    public List<QueuedMessage> page(UserId user, DeviceId device, @Nullable QueuePosition after, int limit) {
        BoundStatement select = (after == null) ? selectFirstPage.bind(user.value(), device.value(), limit)
                : selectPageAfter.bind(user.value(), device.value(), after.conversationId().value(), after.seq(),
                        limit);
        List<QueuedMessage> messages = new ArrayList<>(Math.min(limit, pageSize));
        for (Row row : session.execute(select.setPageSize(limit).setIdempotent(true))) {
            messages.add(message(row));
        }
        return messages;
    }

    /**
     * Moves the user's {@link #UNASSIGNED} messages into the queue of {@code device},
     * keeping their remaining TTL (except the user's own messages sent from that very
     * device, which are just dropped). Each row is inserted into the device's queue
     * before it is deleted from the pending one, so a crash in between leaves a copy in
     * both places, never in neither.
     * @param user the user
     * @param device the device taking the messages over; must not be {@link #UNASSIGNED}
     * @return how many messages left the pending queue
     */
    public int claimUnassigned(UserId user, DeviceId device) {
        if (UNASSIGNED.equals(device)) {
            throw new IllegalArgumentException("the pending queue cannot claim itself");
        }
        int moved = 0;
        for (Row row : session.execute(paged(selectDevice, user.value(), UNASSIGNED.value()))) {
            QueuedMessage message = message(row);
            int ttl = row.isNull("remaining_ttl") ? queueTtlSeconds : row.getInt("remaining_ttl");
            // A user's own message, sent from the device now claiming: that device has it
            // already.
            boolean ownCopy = message.sender().equals(user) && device.equals(message.senderDevice());
            if (ttl > 0 && message.isResync()) {
                session.execute(resyncStatement(user, device, message, ttl));
            }
            else if (ttl > 0 && !ownCopy) {
                session.execute(insertStatement(user, device, message, ttl));
            }
            session.execute(deleteStatement(user, UNASSIGNED, message.conversationId(), message.ref()));
            moved++;
        }
        return moved;
    }

    /**
     * The queued messages of one conversation in a device's queue.
     * @param user the user
     * @param device the device
     * @param conversation the conversation
     * @return their keys, in {@code seq} order
     */
    public List<QueuedRef> inConversation(UserId user, DeviceId device, ConversationId conversation) {
        List<QueuedRef> refs = new ArrayList<>();
        for (Row row : session.execute(paged(selectConversation, user.value(), device.value(), conversation.value()))) {
            long seq = row.getLong("seq");
            refs.add(new QueuedRef(MessageId.of(row.getString("message_id")), seq, row.getInstant("sent_at"),
                    upToSeq(row, seq)));
        }
        return refs;
    }

    /**
     * Starts deleting messages from a device's queue, in one single-partition batch,
     * without waiting (a batch of acks deletes the rows of all its devices at once);
     * deleting a missing row changes nothing.
     * @param user the user
     * @param device the device
     * @param conversation their conversation
     * @param refs the messages
     * @return completes when the rows are deleted
     */
    public CompletionStage<?> removeAsync(UserId user, DeviceId device, ConversationId conversation,
            Collection<QueuedRef> refs) {
        if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.executeAsync(removeStatement(user, device, conversation, refs));
    }

    private BatchStatement removeStatement(UserId user, DeviceId device, ConversationId conversation,
            Collection<QueuedRef> refs) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED).setIdempotence(true);
        for (QueuedRef ref : refs) {
            batch.addStatement(deleteStatement(user, device, conversation, ref));
        }
        return batch.build();
    }

    /**
     * A read that fetches {@code chat.relay.replay-batch-size} rows per page, never a
     * whole backlog at once.
     */
    private BoundStatement paged(PreparedStatement select, Object... values) {
        return select.bind(values).setPageSize(pageSize).setIdempotent(true);
    }

    private BoundStatement insertStatement(UserId recipient, DeviceId device, QueuedMessage message, int ttlSeconds) {
        BoundStatementBuilder bound = insert.boundStatementBuilder()
            .setString("recipient_id", recipient.value())
            .setString("device_id", device.value())
            .setString("conversation_id", message.conversationId().value())
            .setLong("seq", message.seq())
            .setString("message_id", message.messageId().value())
            .setString("sender_id", message.sender().value())
            .setString("content", message.text())
            .setInstant("sent_at", message.sentAt())
            .setInt(12, ttlSeconds) // USING TTL ?
            .setLong(13, writeTimestamp(message.sentAt())) // AND TIMESTAMP ?
            .setIdempotence(true);
        // Nullable columns stay unset rather than bound to null, which would write a
        // tombstone per cell.
        if (message.senderDevice() != null) {
            bound.setString("sender_device", message.senderDevice().value());
        }
        if (message.group() != null) {
            bound.setString("group_id", message.group().value());
        }
        if (!message.media().isEmpty()) {
            bound.setString("media", json.writeValueAsString(message.media()));
        }
        if (message.system() != null) {
            bound.setString("system", json.writeValueAsString(message.system()));
        }
        return bound.build();
    }

    /**
     * A marker's write timestamp is the seq it stands for: a later overflow of the
     * conversation (a higher seq) replaces it, and a replay of an earlier one cannot.
     */
    private BoundStatement resyncStatement(UserId recipient, DeviceId device, QueuedMessage marker, int ttlSeconds) {
        return insertResync
            .bind(recipient.value(), device.value(), marker.conversationId().value(), RESYNC_SEQ,
                    marker.messageId().value(), marker.sender().value(), marker.sentAt(), marker.upToSeq(), ttlSeconds,
                    marker.upToSeq())
            .setIdempotent(true);
    }

    private BoundStatement deleteStatement(UserId user, DeviceId device, ConversationId conversation, QueuedRef ref) {
        // A marker: exactly the version the device acknowledged, so a later overflow's
        // marker (a higher timestamp) stays. A message: later than the row's write
        // timestamp (its sentAt) even if this host's clock lags the sender's.
        long timestamp = ref.isResync() ? ref.upToSeq()
                : Math.max(micros(Instant.now()), writeTimestamp(ref.sentAt()) + 1);
        return delete.bind(timestamp, user.value(), device.value(), conversation.value(), ref.seq())
            .setIdempotent(true);
    }

    private QueuedMessage message(Row row) {
        String senderDevice = row.getString("sender_device");
        String group = row.getString("group_id");
        return new QueuedMessage(ConversationId.of(row.getString("conversation_id")), row.getLong("seq"),
                MessageId.of(row.getString("message_id")), UserId.of(row.getString("sender_id")),
                (senderDevice != null) ? DeviceId.of(senderDevice) : null, (group != null) ? GroupId.of(group) : null,
                nonNull(row.getString("content")), media(row.getString("media")), row.getInstant("sent_at"),
                upToSeq(row, row.getLong("seq")), system(row.getString("system")));
    }

    private @Nullable SystemEvent system(@Nullable String text) {
        return (text == null || text.isEmpty()) ? null : json.readValue(text, SystemEvent.class);
    }

    private static long upToSeq(Row row, long seq) {
        return row.isNull("up_to_seq") ? seq : row.getLong("up_to_seq");
    }

    private List<MediaRef> media(@Nullable String text) {
        return (text == null || text.isEmpty()) ? List.of() : json.readValue(text, MEDIA_LIST);
    }

    private static String nonNull(@Nullable String text) {
        return (text != null) ? text : "";
    }

    /**
     * The write timestamp of a message's rows: its sentAt at the millisecond precision
     * the row keeps of it.
     */
    private static long writeTimestamp(Instant sentAt) {
        return micros(sentAt.truncatedTo(ChronoUnit.MILLIS));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

}
