package com.acme.chat.relay.queue;

import java.time.Instant;
import java.util.Objects;

import com.acme.chat.common.id.MessageId;

/**
 * The key columns of one queued message within a conversation of a device's queue: enough
 * to delete it.
 *
 * @param messageId the message
 * @param seq its sequence number (the clustering key)
 * @param sentAt when it was sent, which is also the row's write timestamp
 */
public record QueuedRef(MessageId messageId, long seq, Instant sentAt) {

    public QueuedRef {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
    }

}
