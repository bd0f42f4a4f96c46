package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/**
 * The idempotency table {@code message_by_client_id}, one row per (sender, clientMsgId),
 * never deleted. The owner writes it, fenced, <b>before</b> the message row, so every
 * stored message has its row; a row whose message is missing (or another message at its
 * seq) is what a lost tenure left behind and is overwritten by the retry (ADR 0014).
 */
@Repository
class IdempotencyRepository {

    /**
     * What a send stored.
     *
     * @param messageId the message's id
     * @param bodyHash what the message was ({@link BodyHash})
     * @param conversationId its conversation
     * @param seq its seq (null only in rows of the old two-step claims of ADR 0006)
     * @param sentAt its sentAt (likewise)
     */
    record SendRecord(MessageId messageId, String bodyHash, @Nullable ConversationId conversationId, @Nullable Long seq,
            @Nullable Instant sentAt) {
    }

    private final CqlSession session;

    private final PreparedStatement find;

    private final PreparedStatement write;

    IdempotencyRepository(CqlSession session) {
        this.session = session;
        this.find = session.prepare("SELECT message_id, body_hash, conversation_id, seq, sent_at "
                + "FROM message_by_client_id WHERE sender_id = ? AND client_msg_id = ?");
        this.write = session.prepare("INSERT INTO message_by_client_id (sender_id, client_msg_id, message_id, "
                + "body_hash, conversation_id, seq, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
    }

    Optional<SendRecord> find(UserId sender, ClientMessageId clientMsgId) {
        Row row = session.execute(find.bind(sender.value(), clientMsgId.value())).one();
        if (row == null || row.getString("message_id") == null) {
            return Optional.empty();
        }
        String conversation = row.getString("conversation_id");
        return Optional
            .of(new SendRecord(MessageId.of(row.getString("message_id")), String.valueOf(row.getString("body_hash")),
                    (conversation != null) ? ConversationId.of(conversation) : null,
                    row.isNull("seq") ? null : row.getLong("seq"), row.getInstant("sent_at")));
    }

    CompletionStage<AsyncResultSet> write(StoredMessage message, String bodyHash, long writeTimestamp) {
        return session.executeAsync(
                write.bind(message.sender().value(), message.clientMsgId().value(), message.messageId().value(),
                        bodyHash, message.conversationId().value(), message.seq(), message.sentAt(), writeTimestamp));
    }

}
