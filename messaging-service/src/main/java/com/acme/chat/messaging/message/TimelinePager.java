package com.acme.chat.messaging.message;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Get-Message paging over {@code user_timeline}, which has one partition per user and
 * month: walks back month by month from {@code before} until the page is full or a number
 * of consecutive months ({@code chat.messaging.timeline-empty-months}, 24) were empty.
 * <p>
 * {@code nextBefore} is the {@code sentAt} of the page's last message, and the next page
 * asks for {@code sentAt < nextBefore}. Messages of one user can share a millisecond, so
 * a page never ends inside such a run when it can avoid it: the run is moved to the next
 * page whole, so no message is skipped.
 */
final class TimelinePager {

    /**
     * Reads up to {@code max} rows of one month with {@code sentAt < before}, newest
     * first.
     */
    interface MonthReader<T> {

        List<T> read(String month, Instant before, int max);

    }

    /**
     * @param items the page, newest first
     * @param nextBefore the {@code before} of the next page, or null on the last page
     */
    record Page<T>(List<T> items, @Nullable Instant nextBefore) {
    }

    private TimelinePager() {
    }

    /**
     * @return the partition key of the month an instant falls in, {@code yyyy-MM} in UTC
     */
    static String monthKey(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC)).toString();
    }

    /**
     * @return the newest month that can hold a message sent strictly before
     * {@code before}
     */
    static YearMonth firstMonth(Instant before) {
        return YearMonth.from(before.minusMillis(1).atOffset(ZoneOffset.UTC));
    }

    static <T> Page<T> page(Instant before, int limit, int maxEmptyMonths, MonthReader<T> reader,
            Function<T, Instant> sentAt) {
        // One more than the page, to know whether another page exists and whether the
        // page ends inside a run.
        return cut(collect(before, limit + 1, maxEmptyMonths, reader), limit, sentAt);
    }

    /**
     * @return up to {@code wanted} rows with {@code sentAt < before}, newest first,
     * walking back month by month until {@code maxEmptyMonths} empty months in a row
     */
    static <T> List<T> collect(Instant before, int wanted, int maxEmptyMonths, MonthReader<T> reader) {
        List<T> collected = new ArrayList<>(wanted);
        YearMonth month = firstMonth(before);
        int emptyInARow = 0;
        while (collected.size() < wanted && emptyInARow < maxEmptyMonths) {
            List<T> rows = reader.read(month.toString(), before, wanted - collected.size());
            if (rows.isEmpty()) {
                emptyInARow++;
            }
            else {
                emptyInARow = 0;
                collected.addAll(rows);
            }
            month = month.minusMonths(1);
        }
        return collected;
    }

    /**
     * The page of {@code limit} out of {@code collected} (newest first, up to
     * {@code limit + 1}: one more tells whether another page exists and whether the page
     * ends inside a run of one millisecond, which then moves to the next page whole).
     */
    static <T> Page<T> cut(List<T> collected, int limit, Function<T, Instant> sentAt) {
        if (collected.size() <= limit) {
            return new Page<>(List.copyOf(collected), null);
        }
        List<T> items = collected.subList(0, limit);
        Instant boundary = sentAt.apply(collected.get(limit));
        int end = limit;
        while (end > 0 && sentAt.apply(items.get(end - 1)).equals(boundary)) {
            end--;
        }
        if (end == 0) {
            // The whole page is one millisecond: nothing better is possible with a time
            // cursor.
            end = limit;
        }
        List<T> page = List.copyOf(items.subList(0, end));
        return new Page<>(page, sentAt.apply(page.get(page.size() - 1)));
    }

}
