package com.acme.chat.relay.ack;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import com.acme.chat.common.id.MessageId;
import com.acme.chat.relay.queue.QueuedRef;

/**
 * The queued rows an ack removes: those of the conversation whose message id was
 * acknowledged. Ids that are not queued (acked before, or never queued for this device)
 * are ignored, which makes acks idempotent.
 *
 * @param rows the rows to delete, in {@code seq} order
 */
record AckSelection(List<QueuedRef> rows) {

    AckSelection {
        rows = List.copyOf(rows);
    }

    /**
     * @param queued the queued rows of the conversation in the device's queue
     * @param acked the acknowledged message ids
     * @return the rows to remove
     */
    static AckSelection of(Collection<QueuedRef> queued, Collection<MessageId> acked) {
        Set<MessageId> ids = new HashSet<>(acked);
        return new AckSelection(queued.stream()
            .filter(row -> ids.contains(row.messageId()))
            .sorted((a, b) -> Long.compare(a.seq(), b.seq()))
            .toList());
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * @return the highest removed message seq, the new delivered position; empty when no
     * message (only a resync marker, or nothing) is removed
     */
    OptionalLong highestSeq() {
        return rows.stream().filter(row -> !row.isResync()).mapToLong(QueuedRef::seq).max();
    }

    /**
     * @return how many messages (not resync markers) are removed
     */
    int messages() {
        return (int) rows.stream().filter(row -> !row.isResync()).count();
    }

}
