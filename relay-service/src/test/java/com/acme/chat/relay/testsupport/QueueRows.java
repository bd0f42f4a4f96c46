package com.acme.chat.relay.testsupport;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/** Reads {@code unsent_messages} directly, as the tests' view of a device's queue. */
public final class QueueRows {

    /**
     * One queued row.
     *
     * @param conversationId its conversation
     * @param seq its seq
     * @param messageId its message id
     */
    public record Row(String conversationId, long seq, String messageId) {
    }

    private final CqlSession session;

    public QueueRows(CqlSession session) {
        this.session = session;
    }

    /**
     * @return the rows of a device's queue, in clustering order
     */
    public List<Row> of(UserId user, DeviceId device) {
        return session.execute(SimpleStatement.newInstance(
                "SELECT conversation_id, seq, message_id FROM unsent_messages WHERE recipient_id = ? AND device_id = ?",
                user.value(), device.value()))
            .all()
            .stream()
            .map(row -> new Row(row.getString("conversation_id"), row.getLong("seq"), row.getString("message_id")))
            .toList();
    }

    /**
     * @return the message ids of a device's queue, in clustering order
     */
    public List<String> messageIds(UserId user, DeviceId device) {
        return of(user, device).stream().map(Row::messageId).toList();
    }

}
