package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;

/**
 * Get-Message (docs/adr/0028): the user's 1:1 timeline ({@code user_timeline}) merged
 * with the streams of his groups, each within the seqs he may read, newest first by
 * {@code sentAt} with the timeline's order for ties, paged by a {@code before} timestamp
 * exactly as the timeline alone was ({@link TimelinePager#cut}).
 * <p>
 * Cost of a page: the timeline's reads as before, one read of the user's groups, one
 * one-row read per group (its newest indexed minute before {@code before}, at most
 * {@code head-reads-in-flight} at once), and, only for the groups whose head is newer
 * than the page's oldest message, one index read to find {@code before} in the stream and
 * reads of {@code limit + 1} messages from there.
 */
@Service
class MessageHistoryService {

    private final TimelineRepository timeline;

    private final GroupStreamRepository groups;

    private final GroupMinuteIndex minutes;

    private final MessageRepository messages;

    private final SeqCounters sequences;

    private final MessagingProperties properties;

    private final GetMessageProperties getMessage;

    MessageHistoryService(TimelineRepository timeline, GroupStreamRepository groups, GroupMinuteIndex minutes,
            MessageRepository messages, SeqCounters sequences, MessagingProperties properties,
            GetMessageProperties getMessage) {
        this.timeline = timeline;
        this.groups = groups;
        this.minutes = minutes;
        this.messages = messages;
        this.sequences = sequences;
        this.properties = properties;
        this.getMessage = getMessage;
    }

    /**
     * @param before exclusive upper bound of {@code sentAt}, within [epoch, now]
     * @param limit the page size
     */
    TimelinePager.Page<MessageView> page(UserId user, Instant before, int limit) {
        // One more than the page, to know whether another page exists and whether the
        // page ends inside a run of one millisecond.
        int wanted = limit + 1;
        List<MessageView> direct = TimelinePager.collect(before, wanted, properties.timelineEmptyMonths(),
                (month, bound, max) -> timeline.read(user, month, bound, max));
        List<MessageView> merged = TimelineMerge.newest(wanted, new ListCursor(direct),
                closedGroups(user, before, wanted));
        return TimelinePager.cut(merged, limit, MessageView::sentAt);
    }

    /**
     * The user's groups that have messages before {@code before}, each under the end of
     * its newest such minute.
     */
    private List<TimelineMerge.Closed> closedGroups(UserId user, Instant before, int wanted) {
        List<Map.Entry<GroupId, Membership>> memberships = new ArrayList<>(groups.groupsOf(user).entrySet());
        long lastMinute = GroupMinuteIndex.minuteOf(before.minusMillis(1));
        List<TimelineMerge.Closed> closed = new ArrayList<>(memberships.size());
        for (int from = 0; from < memberships.size(); from += getMessage.headReadsInFlight()) {
            List<Map.Entry<GroupId, Membership>> window = memberships.subList(from,
                    Math.min(memberships.size(), from + getMessage.headReadsInFlight()));
            List<CompletableFuture<OptionalLong>> heads = window.stream()
                .map(entry -> minutes.newestUpTo(ConversationId.group(entry.getKey()), lastMinute)
                    .toCompletableFuture())
                .toList();
            for (int i = 0; i < window.size(); i++) {
                OptionalLong head = heads.get(i).join();
                if (head.isPresent()) {
                    Instant end = GroupMinuteIndex.startOf(head.getAsLong() + 1);
                    Instant bound = end.isBefore(before) ? end : before;
                    ConversationId conversation = ConversationId.group(window.get(i).getKey());
                    Membership membership = window.get(i).getValue();
                    closed.add(new TimelineMerge.Closed(bound, () -> open(conversation, membership, before, wanted)));
                }
            }
        }
        return closed;
    }

    /**
     * Reads a group from where {@code before} (plus the clock step) falls in its stream,
     * found in the time index; without a later indexed minute, from the stream's head.
     */
    private TimelineMerge.Cursor open(ConversationId conversation, Membership membership, Instant before, int wanted) {
        long fromMinute = GroupMinuteIndex.firstMinuteFrom(before.plus(getMessage.clockStep()));
        OptionalLong indexed = minutes.seqFrom(conversation, fromMinute);
        long upper = indexed.isPresent() ? indexed.getAsLong() : sequences.storedMax(conversation) + 1;
        Long left = membership.leftSeq();
        if (left != null) {
            upper = Math.min(upper, left + 1);
        }
        return new GroupStreamCursor((beforeSeq,
                max) -> messages.descending(conversation, beforeSeq, max).stream().map(StoredMessage::toView).toList(),
                upper, membership.joinedSeq(), before, getMessage.clockStep(), wanted);
    }

    /** The 1:1 timeline's rows, already in merge order. */
    private static final class ListCursor implements TimelineMerge.Cursor {

        private final List<MessageView> rows;

        private int next;

        ListCursor(List<MessageView> rows) {
            this.rows = rows;
        }

        @Override
        public @Nullable MessageView peek() {
            return (next < rows.size()) ? rows.get(next) : null;
        }

        @Override
        public void advance() {
            next++;
        }

    }

}
