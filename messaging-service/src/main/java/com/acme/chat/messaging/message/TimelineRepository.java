package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.UserId;

/**
 * {@code user_timeline}: each member's messages across conversations, one partition per
 * user and month, newest first. Rows carry the whole message, so Get-Message needs no
 * second read.
 */
@Repository
class TimelineRepository {

    private final CqlSession session;

    private final MediaJson mediaJson;

    private final PreparedStatement insert;

    private final PreparedStatement page;

    TimelineRepository(CqlSession session, MediaJson mediaJson) {
        this.session = session;
        this.mediaJson = mediaJson;
        this.insert = session.prepare("INSERT INTO user_timeline (user_id, month, sent_at, conversation_id, seq, "
                + "message_id, sender_id, sender_device, body, media) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.page = session.prepare("SELECT sent_at, conversation_id, seq, message_id, sender_id, sender_device, body, "
                + "media FROM user_timeline WHERE user_id = ? AND month = ? AND sent_at < ? LIMIT ?");
    }

    /**
     * Idempotent: the same message always lands on the same row.
     * @param writeTimestamp the owner's fencing timestamp (ADR 0014)
     */
    CompletionStage<AsyncResultSet> insert(UserId member, StoredMessage message, long writeTimestamp) {
        return session.executeAsync(insert.bind(member.value(), TimelinePager.monthKey(message.sentAt()),
                message.sentAt(), message.conversationId().value(), message.seq(), message.messageId().value(),
                message.sender().value(), message.senderDevice().value(), message.text(),
                mediaJson.write(message.media()), writeTimestamp));
    }

    List<MessageView> read(UserId user, String month, Instant before, int max) {
        List<MessageView> views = new ArrayList<>(max);
        for (Row row : session.execute(page.bind(user.value(), month, before, max))) {
            String body = row.getString("body");
            views.add(new MessageView(row.getString("message_id"), row.getString("conversation_id"), row.getLong("seq"),
                    row.getString("sender_id"), row.getString("sender_device"), (body != null) ? body : "",
                    mediaJson.read(row.getString("media")), row.getInstant("sent_at")));
        }
        return views;
    }

}
