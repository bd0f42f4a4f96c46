package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Get-Message's k-way merge (docs/adr/0028): the user's 1:1 timeline and the streams of
 * his groups, each already newest first, into one list in the timeline's order
 * ({@link #NEWEST_FIRST}). Groups are opened lazily: a group not read yet waits in the
 * queue under an exclusive upper bound of its messages' {@code sentAt} (its head for the
 * page), and is read only once that bound is above every message still to be emitted. So
 * a page reads only the groups whose head is newer than the page's oldest message; the
 * others cost their head only.
 */
final class TimelineMerge {

    /**
     * The order of {@code user_timeline}'s clustering: {@code sentAt} descending, then
     * conversation and seq ascending.
     */
    static final Comparator<MessageView> NEWEST_FIRST = Comparator.comparing(MessageView::sentAt)
        .reversed()
        .thenComparing(MessageView::conversationId)
        .thenComparingLong(MessageView::seq);

    /**
     * A conversation's messages with {@code sentAt < before}, in {@link #NEWEST_FIRST}
     * order, read lazily.
     */
    interface Cursor {

        /**
         * @return the next message, or null when there is none
         */
        @Nullable MessageView peek();

        void advance();

    }

    /**
     * A group not read yet.
     *
     * @param bound no message of the group to merge has {@code sentAt} at or after it
     * @param open reads it
     */
    record Closed(Instant bound, Supplier<Cursor> open) {
    }

    private TimelineMerge() {
    }

    /**
     * @return the first {@code wanted} messages of all sources, in {@link #NEWEST_FIRST}
     * order
     */
    static List<MessageView> newest(int wanted, Cursor direct, List<Closed> groups) {
        PriorityQueue<Entry> queue = new PriorityQueue<>(ENTRY_ORDER);
        offer(queue, direct);
        groups.forEach(group -> queue.add(new Entry(group, null)));
        List<MessageView> merged = new ArrayList<>(wanted);
        while (merged.size() < wanted && !queue.isEmpty()) {
            Entry next = queue.poll();
            if (next.closed != null) {
                offer(queue, next.closed.open().get());
                continue;
            }
            Cursor cursor = next.cursor();
            merged.add(next.head());
            cursor.advance();
            offer(queue, cursor);
        }
        return merged;
    }

    private static void offer(PriorityQueue<Entry> queue, Cursor cursor) {
        if (cursor.peek() != null) {
            queue.add(new Entry(null, cursor));
        }
    }

    /** A closed group, or an open cursor with its next message. */
    private record Entry(@Nullable Closed closed, @Nullable Cursor open) {

        Cursor cursor() {
            if (open == null) {
                throw new IllegalStateException("a closed group has no cursor");
            }
            return open;
        }

        MessageView head() {
            MessageView head = cursor().peek();
            if (head == null) {
                throw new IllegalStateException("an exhausted cursor is never queued");
            }
            return head;
        }

        Instant sentAt() {
            return (closed != null) ? closed.bound() : head().sentAt();
        }

    }

    /**
     * Messages by {@link #NEWEST_FIRST}; a closed group with bound {@code b} just below
     * the messages at {@code b} (it holds none of them) and above every message before
     * {@code b} (it may hold one that comes first).
     */
    private static final Comparator<Entry> ENTRY_ORDER = (a, b) -> {
        int bySentAt = b.sentAt().compareTo(a.sentAt());
        if (bySentAt != 0) {
            return bySentAt;
        }
        if (a.closed != null || b.closed != null) {
            return Boolean.compare(a.closed != null, b.closed != null);
        }
        return NEWEST_FIRST.compare(a.head(), b.head());
    };

}
