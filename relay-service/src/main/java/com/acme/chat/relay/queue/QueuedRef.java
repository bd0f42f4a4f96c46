package com.acme.chat.relay.queue;

import java.time.Instant;
import java.util.Objects;

import com.acme.chat.common.id.MessageId;

/**
 * The key columns of one queued message within a conversation of a device's queue: enough
 * to delete it.
 *
 * @param messageId the message
 * @param seq its sequence number (the clustering key), or
 * {@link UnsentQueueRepository#RESYNC_SEQ} for a resync marker
 * @param sentAt when it was sent, which is also the row's write timestamp
 * @param upToSeq {@code seq} for a message; for a resync marker, the highest seq it
 * stands for, which is also its write timestamp
 */
public record QueuedRef(MessageId messageId, long seq, Instant sentAt, long upToSeq) {

    public QueuedRef {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /**
     * The key of a queued message.
     */
    public QueuedRef(MessageId messageId, long seq, Instant sentAt) {
        this(messageId, seq, sentAt, seq);
    }

    /**
     * @return whether this is a resync marker rather than a message
     */
    public boolean isResync() {
        return seq == UnsentQueueRepository.RESYNC_SEQ;
    }

}
