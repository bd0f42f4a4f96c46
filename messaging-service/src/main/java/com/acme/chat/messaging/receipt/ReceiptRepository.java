package com.acme.chat.messaging.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;

/**
 * {@code receipt_marks}: per conversation, user and kind, delivered or read up to a seq.
 * <p>
 * A watermark only moves forward, without a lightweight transaction: every write carries
 * {@code USING TIMESTAMP seq}, and Cassandra keeps the cell with the highest write
 * timestamp, so the highest seq wins whatever the order or the number of writers (equal
 * seqs are the same watermark). That turns the former compare-and-set loop (one to three
 * Paxos rounds per receipt, on the hot path of every delivered message) into one plain
 * write.
 */
@Repository
class ReceiptRepository {

    /**
     * A user's watermarks in one conversation.
     *
     * @param user the member
     * @param deliveredSeq delivered up to (0 when never)
     * @param readSeq read up to (0 when never)
     * @param deliveredAt when the delivered watermark last moved (null when never)
     * @param readAt when the read watermark last moved (null when never)
     */
    record Watermarks(UserId user, long deliveredSeq, long readSeq, @Nullable Instant deliveredAt,
            @Nullable Instant readAt) {

        static Watermarks none(UserId user) {
            return new Watermarks(user, 0, 0, null, null);
        }

        /**
         * @return when the newer of the two was recorded
         */
        @Nullable Instant updatedAt() {
            if (deliveredAt == null) {
                return readAt;
            }
            return (readAt != null && readAt.isAfter(deliveredAt)) ? readAt : deliveredAt;
        }

    }

    private final CqlSession session;

    private final PreparedStatement mark;

    private final PreparedStatement current;

    private final PreparedStatement list;

    ReceiptRepository(CqlSession session) {
        this.session = session;
        this.mark = session.prepare("UPDATE receipt_marks USING TIMESTAMP ? SET up_to_seq = ?, marked_at = ? "
                + "WHERE conversation_id = ? AND user_id = ? AND kind = ?");
        this.current = session
            .prepare("SELECT up_to_seq FROM receipt_marks WHERE conversation_id = ? AND user_id = ? AND kind = ?");
        this.list = session
            .prepare("SELECT user_id, kind, up_to_seq, marked_at FROM receipt_marks WHERE conversation_id = ?");
    }

    /**
     * Records a watermark at {@code seq}; a higher stored one stays (write timestamp =
     * seq).
     * @param seq at least 1
     */
    void advance(ConversationId conversation, UserId user, ReceiptKind kind, long seq, Instant now) {
        if (seq < 1) {
            throw new IllegalArgumentException("A watermark starts at seq 1, got " + seq);
        }
        session.execute(mark.bind(seq, seq, now, conversation.value(), user.value(), kind.name()));
    }

    /**
     * @return the stored watermark (0 when none), read at the session's quorum so it
     * includes acknowledged writes
     */
    long current(ConversationId conversation, UserId user, ReceiptKind kind) {
        Row row = session.execute(current.bind(conversation.value(), user.value(), kind.name())).one();
        return (row == null || row.isNull("up_to_seq")) ? 0 : row.getLong("up_to_seq");
    }

    /**
     * @return every user's watermarks in the conversation (one partition read), in user
     * id order
     */
    List<Watermarks> list(ConversationId conversation) {
        Map<UserId, Watermarks> byUser = new LinkedHashMap<>();
        for (Row row : session.execute(list.bind(conversation.value()))) {
            UserId user = UserId.of(row.getString("user_id"));
            long seq = row.isNull("up_to_seq") ? 0 : row.getLong("up_to_seq");
            Instant at = row.getInstant("marked_at");
            Watermarks known = byUser.getOrDefault(user, Watermarks.none(user));
            boolean read = ReceiptKind.READ.name().equals(row.getString("kind"));
            byUser.put(user, read ? new Watermarks(user, known.deliveredSeq(), seq, known.deliveredAt(), at)
                    : new Watermarks(user, seq, known.readSeq(), at, known.readAt()));
        }
        return new ArrayList<>(byUser.values());
    }

}
