package com.acme.chat.messaging.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.web.ChatException;

/**
 * {@code receipt_watermarks}: per conversation and user, delivered and read up to a seq. Both watermarks only move
 * forward, by compare-and-set ({@code IF col < ?}, {@code IF col = null}, or {@code INSERT ... IF NOT EXISTS} for a
 * missing row), so concurrent and repeated updates are safe.
 */
@Repository
class ReceiptRepository {

    /**
     * A stored watermark row.
     *
     * @param user the member
     * @param deliveredSeq delivered up to (0 when never)
     * @param readSeq read up to (0 when never)
     * @param updatedAt last change
     */
    record Watermarks(String user, long deliveredSeq, long readSeq, @Nullable Instant updatedAt) {
    }

    private static final ConsistencyLevel SERIAL = DefaultConsistencyLevel.LOCAL_SERIAL;

    /** Compare-and-set rounds before giving up on a contended row. */
    private static final int ROUNDS = 5;

    private final CqlSession session;

    private final Statements delivered;

    private final Statements read;

    private final PreparedStatement list;

    ReceiptRepository(CqlSession session) {
        this.session = session;
        this.delivered = new Statements(session, "delivered_seq");
        this.read = new Statements(session, "read_seq");
        this.list = session.prepare(
                "SELECT user_id, delivered_seq, read_seq, updated_at FROM receipt_watermarks WHERE conversation_id = ?");
    }

    /**
     * Moves a watermark forward to {@code seq}; never backwards.
     * @return the stored watermark afterwards: {@code seq} if it advanced or already was there, higher if it was
     */
    long advance(ConversationId conversation, UserId user, ReceiptKind kind, long seq, Instant now) {
        Statements statements = (kind == ReceiptKind.READ) ? read : delivered;
        for (int round = 0; round < ROUNDS; round++) {
            ResultSet raised = execute(statements.raise.bind(seq, now, conversation.value(), user.value(), seq));
            if (raised.wasApplied()) {
                return seq;
            }
            Row current = raised.one();
            if (current != null && current.getColumnDefinitions().contains(statements.column)
                    && !current.isNull(statements.column)) {
                long stored = current.getLong(statements.column);
                if (stored >= seq) {
                    return stored;
                }
                continue;
            }
            // No row yet, or a row without this watermark (only the other kind was recorded so far).
            ResultSet created = execute(statements.create.bind(conversation.value(), user.value(), seq, now));
            if (created.wasApplied()) {
                return seq;
            }
            ResultSet filled = execute(statements.fill.bind(seq, now, conversation.value(), user.value()));
            if (filled.wasApplied()) {
                return seq;
            }
        }
        throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Receipt contended; retry");
    }

    List<Watermarks> list(ConversationId conversation) {
        List<Watermarks> rows = new ArrayList<>();
        for (Row row : session.execute(list.bind(conversation.value()))) {
            rows.add(new Watermarks(row.getString("user_id"),
                    row.isNull("delivered_seq") ? 0 : row.getLong("delivered_seq"),
                    row.isNull("read_seq") ? 0 : row.getLong("read_seq"), row.getInstant("updated_at")));
        }
        return rows;
    }

    private ResultSet execute(BoundStatement statement) {
        return session.execute(statement.setSerialConsistencyLevel(SERIAL));
    }

    /** The three compare-and-set statements of one watermark column. */
    private static final class Statements {

        final String column;

        final PreparedStatement raise;

        final PreparedStatement create;

        final PreparedStatement fill;

        Statements(CqlSession session, String column) {
            this.column = column;
            this.raise = session.prepare("UPDATE receipt_watermarks SET " + column + " = ?, updated_at = ? "
                    + "WHERE conversation_id = ? AND user_id = ? IF " + column + " < ?");
            this.create = session.prepare("INSERT INTO receipt_watermarks (conversation_id, user_id, " + column
                    + ", updated_at) VALUES (?, ?, ?, ?) IF NOT EXISTS");
            this.fill = session.prepare("UPDATE receipt_watermarks SET " + column + " = ?, updated_at = ? "
                    + "WHERE conversation_id = ? AND user_id = ? IF " + column + " = null");
        }
    }
}
