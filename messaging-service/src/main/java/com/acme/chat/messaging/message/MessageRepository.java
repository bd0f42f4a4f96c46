package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/**
 * The {@code messages} table (history by conversation and seq,
 * {@code bucket = seq / 10000}), plus the {@code conversation_seq} hint and the
 * {@code conversations} row. Statements are prepared once at startup and run at the
 * session's {@code LOCAL_QUORUM}; no lightweight transactions: only the conversation's
 * shard owner writes here, each write fenced by its tenure's timestamp (ADR 0014).
 */
@Repository
class MessageRepository {

    private static final String COLUMNS = "conversation_id, seq, message_id, sender_id, sender_device, client_msg_id, "
            + "body, media, sent_at, system";

    private final CqlSession session;

    private final MediaJson mediaJson;

    private final PreparedStatement insert;

    private final PreparedStatement topSeq;

    private final PreparedStatement bySeq;

    private final PreparedStatement descending;

    private final PreparedStatement ascending;

    private final PreparedStatement readHint;

    private final PreparedStatement writeHint;

    private final PreparedStatement touchConversation;

    private final PreparedStatement createConversation;

    MessageRepository(CqlSession session, MediaJson mediaJson) {
        this.session = session;
        this.mediaJson = mediaJson;
        this.insert = session.prepare("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id, "
                + "sender_device, client_msg_id, body, media, sent_at, system) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "USING TIMESTAMP ?");
        this.topSeq = session.prepare("SELECT seq FROM messages WHERE conversation_id = ? AND bucket = ? LIMIT 1");
        this.bySeq = session
            .prepare("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND bucket = ? AND seq = ?");
        this.descending = session.prepare(
                "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND bucket = ? AND seq < ? LIMIT ?");
        this.ascending = session.prepare("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND bucket = ?"
                + " AND seq > ? AND seq < ? ORDER BY seq ASC LIMIT ?");
        this.readHint = session.prepare("SELECT last_seq FROM conversation_seq WHERE conversation_id = ?");
        this.writeHint = session
            .prepare("UPDATE conversation_seq USING TIMESTAMP ? SET last_seq = ? WHERE conversation_id = ?");
        this.touchConversation = session
            .prepare("UPDATE conversations SET kind = ?, members = members + ? WHERE conversation_id = ?");
        this.createConversation = session.prepare(
                "UPDATE conversations SET kind = ?, members = members + ?, created_at = ? WHERE conversation_id = ?");
    }

    /**
     * Writes the message at its seq, fenced by the owner's write timestamp: a write of a
     * later tenure at the same seq wins, whichever arrives first (ADR 0014).
     */
    CompletionStage<AsyncResultSet> insert(StoredMessage message, long writeTimestamp) {
        return session.executeAsync(insert.bind(message.conversationId().value(), SeqPlanner.bucketOf(message.seq()),
                message.seq(), message.messageId().value(), message.sender().value(), message.senderDevice().value(),
                message.clientMsgId().value(), message.text(), mediaJson.write(message.media()), message.sentAt(),
                mediaJson.writeSystem(message.system()), writeTimestamp));
    }

    /**
     * @return the highest seq stored in a bucket, read at the session's
     * {@code LOCAL_QUORUM}, so it sees every write that was acknowledged
     */
    OptionalLong topSeq(ConversationId conversation, long bucket) {
        Row row = session.execute(topSeq.bind(conversation.value(), bucket)).one();
        return (row == null) ? OptionalLong.empty() : OptionalLong.of(row.getLong("seq"));
    }

    Optional<StoredMessage> find(ConversationId conversation, long seq) {
        Row row = session.execute(bySeq.bind(conversation.value(), SeqPlanner.bucketOf(seq), seq)).one();
        return Optional.ofNullable(row).map(this::toMessage);
    }

    /**
     * Newest first: messages with {@code seq < beforeSeq}, walking back across buckets.
     */
    List<StoredMessage> descending(ConversationId conversation, long beforeSeq, int limit) {
        List<StoredMessage> page = new ArrayList<>(limit);
        for (long bucket = SeqPlanner.bucketOf(Math.max(beforeSeq - 1, 0)); bucket >= 0
                && page.size() < limit; bucket--) {
            for (Row row : session
                .execute(descending.bind(conversation.value(), bucket, beforeSeq, limit - page.size()))) {
                page.add(toMessage(row));
            }
        }
        return page;
    }

    /**
     * Oldest first: messages with {@code afterSeq < seq < beforeSeq}, walking forward
     * across buckets.
     */
    List<StoredMessage> ascending(ConversationId conversation, long afterSeq, long beforeSeq, int limit) {
        List<StoredMessage> page = new ArrayList<>(limit);
        long bucket = SeqPlanner.bucketOf(afterSeq + 1);
        while (page.size() < limit && bucket * SeqPlanner.BUCKET_SIZE < beforeSeq) {
            int wanted = limit - page.size();
            List<Row> rows = session.execute(ascending.bind(conversation.value(), bucket, afterSeq, beforeSeq, wanted))
                .all();
            rows.forEach(row -> page.add(toMessage(row)));
            // Seqs are dense: a bucket that ends before its last possible seq is the
            // conversation's newest one.
            if (rows.size() < wanted
                    && (rows.isEmpty() || !SeqPlanner.isFull(bucket, rows.get(rows.size() - 1).getLong("seq")))) {
                break;
            }
            bucket++;
        }
        return page;
    }

    /**
     * @return the {@code conversation_seq} hint (an existing seq, possibly lagging), 0 if
     * none
     */
    long readSeqHint(ConversationId conversation) {
        Row row = session.execute(readHint.bind(conversation.value())).one();
        return (row == null || row.isNull("last_seq")) ? 0 : row.getLong("last_seq");
    }

    /**
     * Moves the hint; written only after the message at {@code seq} is stored, so the
     * hint always names an existing seq.
     */
    CompletionStage<AsyncResultSet> writeSeqHint(ConversationId conversation, long seq, long writeTimestamp) {
        return session.executeAsync(writeHint.bind(writeTimestamp, seq, conversation.value()));
    }

    /**
     * Records the conversation with its kind and members; {@code createdAt} only for its
     * first message.
     */
    CompletionStage<AsyncResultSet> saveConversation(ConversationId conversation, Set<String> members,
            @Nullable Instant createdAt) {
        String kind = conversation.isDirect() ? "direct" : "group";
        BoundStatement statement = (createdAt == null) ? touchConversation.bind(kind, members, conversation.value())
                : createConversation.bind(kind, members, createdAt, conversation.value());
        return session.executeAsync(statement);
    }

    private StoredMessage toMessage(Row row) {
        String device = row.getString("sender_device");
        String body = row.getString("body");
        return new StoredMessage(MessageId.of(row.getString("message_id")),
                ConversationId.of(row.getString("conversation_id")), row.getLong("seq"),
                UserId.of(row.getString("sender_id")), DeviceId.of((device != null) ? device : "unknown"),
                ClientMessageId.of(row.getString("client_msg_id")), (body != null) ? body : "",
                mediaJson.read(row.getString("media")), row.getInstant("sent_at"),
                mediaJson.readSystem(row.getString("system")));
    }

}
