package com.acme.chat.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;

/**
 * One group's stream as Get-Message merges it (docs/adr/0028): the messages a member may
 * read ({@code firstSeq} up to below {@code upperSeq}) with {@code sentAt < before}, in
 * {@link TimelineMerge#NEWEST_FIRST} order, read newest seq first in batches.
 * <p>
 * Seq order is {@code sentAt} order on one writer, but a new writer's clock may be behind
 * the previous one's by up to a clock step {@code δ}: a lower seq can have a
 * {@code sentAt} up to {@code δ} later than a higher one. So a message read is emitted
 * only once it is newer than every message not read yet could be: later than the oldest
 * {@code sentAt} read so far plus {@code δ}, or when the stream is read down to
 * {@code firstSeq}.
 */
final class GroupStreamCursor implements TimelineMerge.Cursor {

    /**
     * Reads up to {@code max} messages with {@code seq < beforeSeq}, newest seq first.
     */
    interface SeqReader {

        List<MessageView> read(long beforeSeq, int max);

    }

    private final SeqReader reader;

    private final long firstSeq;

    private final Instant before;

    private final Duration clockStep;

    private final int batch;

    private final PriorityQueue<MessageView> buffer = new PriorityQueue<>(TimelineMerge.NEWEST_FIRST);

    /** The next read is below this seq. */
    private long nextSeq;

    private @Nullable Instant oldestRead;

    private boolean exhausted;

    /**
     * @param upperSeq the reading starts below it (no message at or above it can be sent
     * before {@code before}, or the member may not read it)
     * @param firstSeq the lowest seq the member may read
     * @param batch messages per read
     */
    GroupStreamCursor(SeqReader reader, long upperSeq, long firstSeq, Instant before, Duration clockStep, int batch) {
        this.reader = reader;
        this.nextSeq = upperSeq;
        this.firstSeq = Math.max(firstSeq, 1);
        this.before = before;
        this.clockStep = clockStep;
        this.batch = batch;
    }

    @Override
    public @Nullable MessageView peek() {
        while (!exhausted && (buffer.isEmpty() || !certain(buffer.peek()))) {
            read();
        }
        return buffer.peek();
    }

    @Override
    public void advance() {
        if (peek() != null) {
            buffer.poll();
        }
    }

    private boolean certain(MessageView message) {
        return oldestRead != null && message.sentAt().isAfter(oldestRead.plus(clockStep));
    }

    private void read() {
        // Seqs are gap-free, so asking for no more than the readable seqs left never
        // reads below firstSeq.
        int max = (int) Math.min(batch, nextSeq - firstSeq);
        if (max <= 0) {
            exhausted = true;
            return;
        }
        List<MessageView> rows = reader.read(nextSeq, max);
        for (MessageView row : rows) {
            if (oldestRead == null || row.sentAt().isBefore(oldestRead)) {
                oldestRead = row.sentAt();
            }
            if (row.seq() >= firstSeq && row.sentAt().isBefore(before)) {
                buffer.add(row);
            }
            nextSeq = Math.min(nextSeq, row.seq());
        }
        if (rows.size() < max) {
            exhausted = true;
        }
    }

}
