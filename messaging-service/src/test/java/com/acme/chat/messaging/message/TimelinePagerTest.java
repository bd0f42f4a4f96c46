package com.acme.chat.messaging.message;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelinePagerTest {

    private record Item(String name, Instant sentAt) {
    }

    private final List<Item> stored = new ArrayList<>();

    private final List<String> monthsRead = new ArrayList<>();

    private final TimelinePager.MonthReader<Item> reader = (month, before, max) -> {
        monthsRead.add(month);
        return stored.stream()
            .filter(i -> TimelinePager.monthKey(i.sentAt()).equals(month) && i.sentAt().isBefore(before))
            .sorted(Comparator.comparing(Item::sentAt).reversed())
            .limit(max)
            .toList();
    };

    private static final Function<Item, Instant> SENT_AT = Item::sentAt;

    @Test
    void monthKeysAreUtcYearMonths() {
        assertThat(TimelinePager.monthKey(Instant.parse("2026-11-30T23:59:59.999Z"))).isEqualTo("2026-11");
        assertThat(TimelinePager.monthKey(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("2026-12");
    }

    @Test
    void firstMonthIsTheOneBeforeAnExclusiveMonthBoundary() {
        assertThat(TimelinePager.firstMonth(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(YearMonth.of(2026, 11));
        assertThat(TimelinePager.firstMonth(Instant.parse("2026-12-01T00:00:00.001Z")))
            .isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void walksBackAcrossMonthsAndYearsNewestFirst() {
        add("nov", "2026-11-20T10:00:00Z");
        add("sep", "2026-09-02T10:00:00Z");
        add("last-year", "2025-12-31T23:00:00Z");
        TimelinePager.Page<Item> page = TimelinePager.page(Instant.parse("2026-11-27T00:00:00Z"), 10, 24, reader,
                SENT_AT);
        assertThat(page.items()).extracting(Item::name).containsExactly("nov", "sep", "last-year");
        assertThat(page.nextBefore()).isNull();
    }

    @Test
    void stopsAfterTheConfiguredNumberOfEmptyMonths() {
        add("old", "2020-01-15T10:00:00Z");
        TimelinePager.Page<Item> page = TimelinePager.page(Instant.parse("2026-11-27T00:00:00Z"), 10, 24, reader,
                SENT_AT);
        assertThat(page.items()).isEmpty();
        assertThat(monthsRead).hasSize(24).startsWith("2026-11").endsWith("2024-12");
    }

    @Test
    void aFullPageStopsWalkingAndPointsToTheNextPage() {
        add("a", "2026-11-20T10:00:03Z");
        add("b", "2026-11-20T10:00:02Z");
        add("c", "2026-10-20T10:00:01Z");
        TimelinePager.Page<Item> first = TimelinePager.page(Instant.parse("2026-11-27T00:00:00Z"), 2, 24, reader,
                SENT_AT);
        assertThat(first.items()).extracting(Item::name).containsExactly("a", "b");
        assertThat(first.nextBefore()).isEqualTo(Instant.parse("2026-11-20T10:00:02Z"));
        TimelinePager.Page<Item> second = TimelinePager.page(first.nextBefore(), 2, 24, reader, SENT_AT);
        assertThat(second.items()).extracting(Item::name).containsExactly("c");
        assertThat(second.nextBefore()).isNull();
    }

    @Test
    void aPageNeverEndsInsideARunOfMessagesWithTheSameMillisecond() {
        add("a", "2026-11-20T10:00:03Z");
        add("b1", "2026-11-20T10:00:02Z");
        add("b2", "2026-11-20T10:00:02Z");
        add("c", "2026-11-20T10:00:01Z");
        TimelinePager.Page<Item> first = TimelinePager.page(Instant.parse("2026-11-27T00:00:00Z"), 2, 24, reader,
                SENT_AT);
        assertThat(first.items()).extracting(Item::name).containsExactly("a");
        TimelinePager.Page<Item> second = TimelinePager.page(first.nextBefore(), 2, 24, reader, SENT_AT);
        assertThat(second.items()).extracting(Item::name).containsExactlyInAnyOrder("b1", "b2");
        TimelinePager.Page<Item> third = TimelinePager.page(second.nextBefore(), 2, 24, reader, SENT_AT);
        assertThat(third.items()).extracting(Item::name).containsExactly("c");
        assertThat(third.nextBefore()).isNull();
    }

    private void add(String name, String sentAt) {
        stored.add(new Item(name, Instant.parse(sentAt)));
    }

}
