package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/**
 * The idempotency table {@code message_by_client_id}, one row per (sender, clientMsgId).
 * A row is claimed with {@code IF NOT EXISTS} before its message gets a seq, and
 * completed (seq, sentAt) once the message and its timeline rows are durable. A row
 * without seq is a send in flight, or one that crashed.
 */
@Repository
class ClaimRepository {

    /**
     * A stored claim.
     *
     * @param messageId the message id the first attempt generated
     * @param bodyHash what the message was ({@link BodyHash})
     * @param conversationId its conversation
     * @param seq its seq, once complete
     * @param sentAt its sentAt, once complete
     * @param claimedAt when the current attempt claimed it
     */
    record Claim(MessageId messageId, String bodyHash, @Nullable ConversationId conversationId, @Nullable Long seq,
            @Nullable Instant sentAt, @Nullable Instant claimedAt) {

        boolean complete() {
            return seq != null && sentAt != null && conversationId != null;
        }
    }

    /**
     * @param applied whether this call created the claim
     * @param existing the claim that was there already, when not applied
     */
    record ClaimResult(boolean applied, @Nullable Claim existing) {
    }

    private static final ConsistencyLevel SERIAL = DefaultConsistencyLevel.LOCAL_SERIAL;

    /** Attempts of an insert that timed out before its outcome is given up as unknown. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final CqlSession session;

    private final PreparedStatement claim;

    private final PreparedStatement takeOver;

    private final PreparedStatement complete;

    ClaimRepository(CqlSession session) {
        this.session = session;
        this.claim = session
            .prepare("INSERT INTO message_by_client_id (sender_id, client_msg_id, message_id, body_hash, "
                    + "conversation_id, claimed_at) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        this.takeOver = session.prepare("UPDATE message_by_client_id SET claimed_at = ? WHERE sender_id = ? "
                + "AND client_msg_id = ? IF claimed_at = ?");
        this.complete = session.prepare("UPDATE message_by_client_id SET seq = ?, conversation_id = ?, sent_at = ? "
                + "WHERE sender_id = ? AND client_msg_id = ?");
    }

    ClaimResult claim(UserId sender, ClientMessageId clientMsgId, MessageId messageId, String bodyHash,
            ConversationId conversation, Instant now) {
        RuntimeException lastUnknown = null;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            ResultSet result;
            try {
                result = session.execute(claim
                    .bind(sender.value(), clientMsgId.value(), messageId.value(), bodyHash, conversation.value(), now)
                    .setSerialConsistencyLevel(SERIAL));
            }
            catch (RuntimeException ex) {
                if (!LwtOutcomes.isUnknown(ex)) {
                    throw ex;
                }
                // Retrying settles it: if the timed-out insert was applied we find our
                // own message id below.
                lastUnknown = ex;
                continue;
            }
            if (result.wasApplied()) {
                return new ClaimResult(true, null);
            }
            Claim existing = toClaim(result.one());
            boolean ours = existing.messageId().equals(messageId);
            return ours ? new ClaimResult(true, null) : new ClaimResult(false, existing);
        }
        throw lastUnknown;
    }

    /**
     * Takes over an abandoned claim:
     * {@code UPDATE ... SET claimed_at = now IF claimed_at = expected}.
     */
    boolean takeOver(UserId sender, ClientMessageId clientMsgId, @Nullable Instant expectedClaimedAt, Instant now) {
        try {
            return session
                .execute(takeOver.bind(now, sender.value(), clientMsgId.value(), expectedClaimedAt)
                    .setSerialConsistencyLevel(SERIAL))
                .wasApplied();
        }
        catch (RuntimeException ex) {
            if (LwtOutcomes.isUnknown(ex)) {
                // Unknown: do not proceed; the client's retry sees whichever state won.
                return false;
            }
            throw ex;
        }
    }

    /** Records the ack fields; from now on a retry is answered from this row. */
    CompletionStage<AsyncResultSet> complete(UserId sender, StoredMessage message) {
        return session.executeAsync(complete.bind(message.seq(), message.conversationId().value(), message.sentAt(),
                sender.value(), message.clientMsgId().value()));
    }

    private static Claim toClaim(@Nullable Row row) {
        if (row == null) {
            throw new IllegalStateException("A conditional insert that was not applied returned no row");
        }
        String conversation = row.getString("conversation_id");
        return new Claim(MessageId.of(row.getString("message_id")), String.valueOf(row.getString("body_hash")),
                (conversation != null) ? ConversationId.of(conversation) : null,
                row.isNull("seq") ? null : row.getLong("seq"), row.getInstant("sent_at"), row.getInstant("claimed_at"));
    }

}
