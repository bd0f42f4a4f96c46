package com.acme.chat.messaging.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.GroupReceiptsCounted;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.config.ReceiptProperties;
import com.acme.chat.messaging.conversation.ConversationAccess;
import com.acme.chat.messaging.message.ConversationHistory;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;
import com.acme.chat.messaging.message.MessageView;
import com.acme.chat.messaging.receipt.ReceiptRepository.Watermarks;
import com.acme.chat.messaging.user.UserSettings;

/**
 * Coalesces a group's receipts into "delivered to k of n, read by k of n" per message for
 * its senders (docs/adr/0029).
 * <p>
 * The consumer of {@code chat.receipts.v1} marks a group touched for each DELIVERED or
 * READ receipt of it; the group's receipts all come through the partition of its key, so
 * one instance at a time collects them. Every
 * {@code chat.messaging.receipts.group-flush-interval} (1 s) a single thread counts each
 * touched group once: one partition read of {@code receipt_marks}, one of the group's
 * members and one range of its messages (the seqs whose counts moved since this instance
 * last counted the group, at most {@code group-max-seqs}, the newest), then publishes one
 * {@link GroupReceiptsCounted} per sender with changed messages. However many members
 * acknowledge or read, a sender gets at most one event per group and interval.
 * <p>
 * Best-effort like every receipt push: a failed count is tried again on the next tick; a
 * rebalance or restart may lose touched groups (the next receipt touches them again, and
 * the per-member detail is always available over REST).
 */
@Component
class GroupReceiptCounter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupReceiptCounter.class);

    private final ReceiptRepository receipts;

    private final ConversationAccess access;

    private final ConversationHistory history;

    private final UserSettings settings;

    private final ChatEventPublisher publisher;

    private final Clock clock;

    private final ReceiptProperties properties;

    private final int maxSeqs;

    private final Map<GroupId, Long> touched = new ConcurrentHashMap<>();

    /** The watermarks each group had when last counted; only the flush thread uses it. */
    private final Map<GroupId, Map<UserId, Watermarks>> counted;

    private final Counter flushes;

    private final Counter published;

    private final Counter failures;

    private volatile @Nullable ScheduledExecutorService loop;

    GroupReceiptCounter(ReceiptRepository receipts, ConversationAccess access, ConversationHistory history,
            UserSettings settings, ChatEventPublisher publisher, Clock clock, ReceiptProperties properties,
            MessagingProperties messaging, MeterRegistry meters) {
        this.receipts = receipts;
        this.access = access;
        this.history = history;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
        this.properties = properties;
        this.maxSeqs = Math.min(properties.groupMaxSeqs(), messaging.maxHistoryPageSize());
        int capacity = properties.groupCountedCapacity();
        this.counted = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<GroupId, Map<UserId, Watermarks>> eldest) {
                return size() > capacity;
            }
        };
        this.flushes = Counter.builder("chat.messaging.group_receipts.counted").register(meters);
        this.published = Counter.builder("chat.messaging.group_receipts.published").register(meters);
        this.failures = Counter.builder("chat.messaging.group_receipts.failed").register(meters);
    }

    /**
     * A receipt of the group named {@code upToSeq}: count the group on the next tick.
     */
    void touched(GroupId group, long upToSeq) {
        touched.merge(group, upToSeq, Math::max);
    }

    /**
     * Counts every touched group once; called by the loop, and by tests.
     */
    synchronized void flush() {
        for (GroupId group : List.copyOf(touched.keySet())) {
            Long high = touched.remove(group);
            if (high == null) {
                continue;
            }
            try {
                count(group, high);
            }
            catch (RuntimeException ex) {
                failures.increment();
                touched.merge(group, high, Math::max);
                log.warn("Counting the receipts of group {} failed; trying again on the next tick: {}", group,
                        ex.toString());
            }
        }
    }

    private void count(GroupId group, long touchedHigh) {
        ConversationId conversation = ConversationId.group(group);
        List<Watermarks> marks = receipts.list(conversation);
        Optional<ReceiptTally.SeqRange> moved = ReceiptTally.moved(counted.get(group), marks, touchedHigh, maxSeqs);
        if (moved.isEmpty()) {
            return;
        }
        flushes.increment();
        ReceiptTally.SeqRange range = moved.get();
        List<MessageView> messages = history.page(conversation, range.low() - 1, range.high() + 1, maxSeqs, 1,
                Long.MAX_VALUE);
        Map<UserId, Membership> members = access.groupMembers(group);
        Set<UserId> withoutReadReceipts = settings.withoutReadReceipts(members.keySet());
        Map<UserId, List<MessageReceiptCounts>> bySender = new ReceiptTally(marks, withoutReadReceipts)
            .countBySender(messages, members);
        bySender.forEach((sender, counts) -> {
            publisher.publish(event(conversation, sender, counts), PublishPolicy.BEST_EFFORT);
            published.increment();
        });
        Map<UserId, Watermarks> now = new LinkedHashMap<>();
        marks.forEach(mark -> now.put(mark.user(), mark));
        counted.put(group, now);
    }

    private GroupReceiptsCounted event(ConversationId conversation, UserId sender, List<MessageReceiptCounts> counts) {
        // The same counts give the same id, so a consumer can drop a repeat.
        UUID id = UUID.nameUUIDFromBytes(
                ("group-receipts:" + conversation + ":" + sender + ":" + counts).getBytes(StandardCharsets.UTF_8));
        return new GroupReceiptsCounted(id, clock.instant(), GroupReceiptsCounted.VERSION, conversation, sender,
                counts);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "group-receipts");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.groupFlushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
        loop = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = loop;
        loop = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

}
