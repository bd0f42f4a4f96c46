package com.acme.chat.messaging.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Get-Message's merge of the 1:1 timeline with group streams over an in-memory store that
 * behaves like the tables: the timeline by month, each group's stream by seq, its time
 * index as the group's writer writes it, the user's memberships.
 */
class MessageHistoryServiceTest {

    private static final UserId ME = UserId.of("me");

    private static final Duration CLOCK_STEP = Duration.ofSeconds(1);

    private static final Instant T = Instant.parse("2026-11-27T21:00:00Z");

    private final List<MessageView> timeline = new ArrayList<>();

    private final Map<ConversationId, TreeMap<Long, StoredMessage>> streams = new LinkedHashMap<>();

    private final Map<ConversationId, TreeMap<Long, Long>> index = new LinkedHashMap<>();

    private final Map<GroupId, Membership> memberships = new LinkedHashMap<>();

    private final Map<ConversationId, Long> lastIndexed = new LinkedHashMap<>();

    /** Rows each group's stream was asked for, by conversation. */
    private final Map<ConversationId, Integer> rowsRead = new LinkedHashMap<>();

    private MessageHistoryService history;

    private GroupMinuteIndex minutes;

    private MessageRepository messages;

    @BeforeEach
    void setUp() {
        TimelineRepository timelineRepository = mock(TimelineRepository.class);
        given(timelineRepository.read(any(), any(), any(), anyInt())).willAnswer(call -> timeline.stream()
            .filter(m -> TimelinePager.monthKey(m.sentAt()).equals(call.getArgument(1))
                    && m.sentAt().isBefore(call.getArgument(2)))
            .sorted(TimelineMerge.NEWEST_FIRST)
            .limit(call.<Integer>getArgument(3))
            .toList());
        GroupStreamRepository groups = mock(GroupStreamRepository.class);
        given(groups.groupsOf(ME)).willAnswer(call -> memberships);
        minutes = mock(GroupMinuteIndex.class);
        given(minutes.newestUpTo(any(), anyLong())).willAnswer(call -> {
            Long minute = index(call.getArgument(0)).floorKey(call.<Long>getArgument(1));
            return CompletableFuture.completedFuture((minute == null) ? OptionalLong.empty() : OptionalLong.of(minute));
        });
        given(minutes.seqFrom(any(), anyLong())).willAnswer(call -> {
            Entry<Long, Long> entry = index(call.getArgument(0)).ceilingEntry(call.<Long>getArgument(1));
            return (entry == null) ? OptionalLong.empty() : OptionalLong.of(entry.getValue());
        });
        messages = mock(MessageRepository.class);
        given(messages.descending(any(), anyLong(), anyInt())).willAnswer(call -> {
            ConversationId conversation = call.getArgument(0);
            List<StoredMessage> rows = stream(conversation).headMap(call.<Long>getArgument(1), false)
                .descendingMap()
                .values()
                .stream()
                .limit(call.<Integer>getArgument(2))
                .toList();
            rowsRead.merge(conversation, rows.size(), Integer::sum);
            return rows;
        });
        SeqCounters sequences = mock(SeqCounters.class);
        given(sequences.storedMax(any())).willAnswer(call -> {
            NavigableMap<Long, StoredMessage> stream = stream(call.getArgument(0));
            return stream.isEmpty() ? 0L : stream.lastKey();
        });
        MessagingProperties properties = new MessagingProperties(4096, 50, 200, Duration.ofSeconds(10), 100, 100, 24,
                Duration.ofMinutes(10), 100);
        history = new MessageHistoryService(timelineRepository, groups, minutes, messages, sequences, properties,
                new GetMessageProperties(CLOCK_STEP, 2));
    }

    @Test
    void mergesTheTimelineWithGroupsNewestFirst() {
        direct("d1", T.plusSeconds(1));
        GroupId hikers = group("hikers", 1, null);
        append(hikers, "h1", T);
        append(hikers, "h2", T.plusSeconds(2));
        direct("d2", T.plusSeconds(3));

        assertThat(texts(page(T.plusSeconds(60), 10).items())).containsExactly("d2", "h2", "d1", "h1");
    }

    @Test
    void equalTimestampsAcrossConversationsFollowTheTimelineOrderAndNeverSplitAPage() {
        GroupId a = group("a", 1, null);
        GroupId b = group("b", 1, null);
        direct("newest", T.plusMillis(2));
        // One millisecond in three conversations: d:... sorts before g:a before g:b.
        append(b, "b-same", T.plusMillis(1));
        append(a, "a-same", T.plusMillis(1));
        direct("d-same", T.plusMillis(1));
        append(a, "oldest", T);

        TimelinePager.Page<MessageView> first = page(T.plusSeconds(60), 2);
        // The run of three does not fit after "newest": it moves to the next page whole.
        assertThat(texts(first.items())).containsExactly("newest");
        TimelinePager.Page<MessageView> second = page(first.nextBefore(), 3);
        assertThat(texts(second.items())).containsExactly("d-same", "a-same", "b-same");
        TimelinePager.Page<MessageView> third = page(second.nextBefore(), 3);
        assertThat(texts(third.items())).containsExactly("oldest");
        assertThat(third.nextBefore()).isNull();
    }

    @Test
    void aMemberWhoLeftReadsUpToHisRemoval() {
        GroupId group = group("left", 1, 3L);
        append(group, "joined", T);
        append(group, "before removal", T.plusSeconds(1));
        append(group, "removal", T.plusSeconds(2));
        append(group, "after removal", T.plusSeconds(3));

        assertThat(texts(all(2))).containsExactly("removal", "before removal", "joined");
    }

    @Test
    void aMemberWhoJoinedLateReadsFromHisJoin() {
        GroupId group = group("late", 3, null);
        append(group, "before 1", T);
        append(group, "before 2", T.plusSeconds(1));
        append(group, "join", T.plusSeconds(2));
        append(group, "after", T.plusSeconds(3));

        assertThat(texts(all(1))).containsExactly("after", "join");
    }

    @Test
    void aDeepCursorStartsReadingTheStreamWhereItFallsNotAtTheHead() {
        GroupId group = group("busy", 1, null);
        for (int i = 0; i < 10_000; i++) {
            append(group, "m" + i, T.plusSeconds(i));
        }
        ConversationId conversation = ConversationId.group(group);

        TimelinePager.Page<MessageView> page = page(T.plusSeconds(100), 5);

        assertThat(texts(page.items())).containsExactly("m99", "m98", "m97", "m96", "m95");
        // From the minute after before + the clock step: at most two minutes of messages
        // above the cursor, never the 9,900 between it and the head.
        assertThat(rowsRead.get(conversation)).isLessThan(200);
    }

    @Test
    void groupsWhoseHeadIsOlderThanThePageAreNotRead() {
        GroupId dormant = group("dormant", 1, null);
        append(dormant, "long ago", T.minus(Duration.ofDays(30)));
        GroupId busy = group("busy", 1, null);
        for (int i = 0; i < 20; i++) {
            append(busy, "b" + i, T.plusSeconds(i));
        }

        assertThat(texts(page(T.plusSeconds(60), 5).items())).containsExactly("b19", "b18", "b17", "b16", "b15");
        verify(minutes, never()).seqFrom(eq(ConversationId.group(dormant)), anyLong());
        verify(messages, never()).descending(eq(ConversationId.group(dormant)), anyLong(), anyInt());
    }

    @Test
    void aClockStepWithinTheAllowanceKeepsTheOrder() {
        GroupId group = group("steps", 1, null);
        append(group, "first owner", T.plusMillis(900));
        // A new owner whose clock is 800 ms behind the previous one.
        append(group, "second owner", T.plusMillis(100));
        append(group, "second owner again", T.plusMillis(950));

        assertThat(texts(all(1))).containsExactly("second owner again", "first owner", "second owner");
    }

    @Test
    void pagingThroughEverythingYieldsEveryReadableMessageExactlyOnce() {
        Random random = new Random(42);
        List<GroupId> groups = new ArrayList<>();
        for (int g = 0; g < 6; g++) {
            long joined = 1 + random.nextInt(20);
            Long left = random.nextBoolean() ? null : joined + random.nextInt(200);
            groups.add(group("g" + g, joined, left));
        }
        // Few distinct milliseconds spread over months and minutes: collisions across
        // conversations. Appended in time order, each owner's clock up to 300 ms off.
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            times.add(T.minus(Duration.ofMinutes(random.nextInt(200) * 700L)).plusMillis(random.nextInt(3) * 300L));
        }
        times.sort(null);
        Set<String> readable = new HashSet<>();
        for (int i = 0; i < times.size(); i++) {
            String text = "m" + i;
            int where = random.nextInt(groups.size() + 1);
            if (where == groups.size()) {
                direct(text, times.get(i));
                readable.add(text);
            }
            else {
                GroupId group = groups.get(where);
                long seq = append(group, text, times.get(i).minusMillis(random.nextInt(2) * 300L));
                Membership membership = memberships.get(group);
                if (seq >= membership.joinedSeq() && seq <= membership.lastReadableSeq()) {
                    readable.add(text);
                }
            }
        }
        int limit = maxRun() + 1;

        List<String> seen = new ArrayList<>();
        Instant before = T.plus(Duration.ofDays(1));
        while (before != null) {
            TimelinePager.Page<MessageView> page = page(before, limit);
            assertThat(page.items()).isSortedAccordingTo(TimelineMerge.NEWEST_FIRST);
            seen.addAll(texts(page.items()));
            before = page.nextBefore();
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(readable);
    }

    private TimelinePager.Page<MessageView> page(Instant before, int limit) {
        return history.page(ME, before, limit);
    }

    private List<MessageView> all(int limit) {
        List<MessageView> all = new ArrayList<>();
        Instant before = T.plus(Duration.ofDays(1));
        while (before != null) {
            TimelinePager.Page<MessageView> page = page(before, limit);
            all.addAll(page.items());
            before = page.nextBefore();
        }
        return all;
    }

    /** The longest run of one millisecond among the readable and unreadable messages. */
    private int maxRun() {
        Map<Instant, Integer> runs = new LinkedHashMap<>();
        timeline.forEach(m -> runs.merge(m.sentAt(), 1, Integer::sum));
        streams.values().forEach(stream -> stream.values().forEach(m -> runs.merge(m.sentAt(), 1, Integer::sum)));
        return runs.values().stream().max(Integer::compare).orElse(0);
    }

    private GroupId group(String name, long joinedSeq, Long leftSeq) {
        GroupId group = GroupId.of(name);
        memberships.put(group, new Membership(joinedSeq, leftSeq, "member"));
        return group;
    }

    private void direct(String text, Instant sentAt) {
        timeline.add(
                new MessageView("m-" + text, "d:me:you", timeline.size() + 1, "you", "phone", text, List.of(), sentAt));
    }

    /**
     * Appends as the group's writer does: the minute's index row when the minute is not
     * the last one it indexed (a clock step back overwrites a minute with a later seq),
     * then the message.
     */
    private long append(GroupId group, String text, Instant sentAt) {
        ConversationId conversation = ConversationId.group(group);
        TreeMap<Long, StoredMessage> stream = stream(conversation);
        long seq = stream.isEmpty() ? 1 : stream.lastKey() + 1;
        long minute = GroupMinuteIndex.minuteOf(sentAt);
        if (!Long.valueOf(minute).equals(lastIndexed.put(conversation, minute))) {
            index(conversation).put(minute, seq);
        }
        stream.put(seq, new StoredMessage(MessageId.of("m-" + conversation.value() + "-" + seq), conversation, seq,
                UserId.of("you"), DeviceId.of("phone"), ClientMessageId.of("c-" + seq), text, List.of(), sentAt));
        return seq;
    }

    private TreeMap<Long, StoredMessage> stream(ConversationId conversation) {
        return streams.computeIfAbsent(conversation, ignored -> new TreeMap<>());
    }

    private TreeMap<Long, Long> index(ConversationId conversation) {
        return index.computeIfAbsent(conversation, ignored -> new TreeMap<>());
    }

    private static List<String> texts(List<MessageView> messages) {
        return messages.stream().map(MessageView::text).toList();
    }

}
