package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;
import com.acme.chat.messaging.shard.ShardListener;
import com.acme.chat.messaging.shard.ShardOwnership;
import com.acme.chat.messaging.shard.Tenure;

/**
 * Gets the event of every stored message to Kafka, in each conversation's seq order, even
 * when a publication fails or the owner dies between the durable write and the broker's
 * ack (ADR 0016).
 * <ul>
 * <li>The owner keeps, per shard, the messages whose event is not yet acked. A failed one
 * is tried again every {@code republish-interval}, and before any later message of its
 * conversation is handed to the producer, so a conversation's events never overtake each
 * other.</li>
 * <li>About once a second the owner writes the shard's {@code published_before} mark: the
 * sentAt of its oldest unacked message, or now. Every message is also named in the
 * outbox, written with it.</li>
 * <li>A new owner, before it serves the shard, reads the outbox from the previous owner's
 * mark (less {@code recovery-margin}) and publishes those messages again: what the
 * previous owner had published is published twice, which consumers drop by event id; what
 * it had not is published now.</li>
 * </ul>
 * Every method that hands events to the producer runs in the conversation's writer slot.
 */
@Component
class Publications implements ShardListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Publications.class);

    /** Stopped just before the shard leases are released (ShardOwnership's phase). */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096 + 1;

    private final ChatEventPublisher publisher;

    private final OutboxRepository outbox;

    private final MessageRepository messages;

    private final ShardOwnership ownership;

    private final SeqCounters counters;

    private final OutboxProperties properties;

    private final Clock clock;

    private final Map<Integer, ShardLog> shards = new ConcurrentHashMap<>();

    private final Map<Integer, Instant> marksWritten = new ConcurrentHashMap<>();

    private final Counter republished;

    private final Counter recovered;

    private volatile @Nullable ScheduledExecutorService loop;

    Publications(ChatEventPublisher publisher, OutboxRepository outbox, MessageRepository messages,
            ShardOwnership ownership, SeqCounters counters, OutboxProperties properties, Clock clock,
            MeterRegistry meters) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.messages = messages;
        this.ownership = ownership;
        this.counters = counters;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("chat.messaging.publications.pending", this, Publications::pendingCount)
            .description("Stored messages whose event Kafka has not acked yet")
            .register(meters);
        this.republished = Counter.builder("chat.messaging.publications.republished")
            .description("Events published again after their first publication failed")
            .register(meters);
        this.recovered = Counter.builder("chat.messaging.publications.recovered")
            .description("Messages a new owner read from the outbox to publish again")
            .register(meters);
    }

    /**
     * Registers a message about to be stored, and gives it its sentAt: the shard's mark
     * cannot pass it until its event is acked or it is {@link #abandon abandoned}.
     */
    Instant begin(int shard, ConversationId conversation, long seq) {
        return log(shard).begin(conversation, seq, clock);
    }

    /**
     * The message was not stored (and is not acknowledged): it holds the mark no more.
     */
    void abandon(int shard, ConversationId conversation, long seq) {
        log(shard).remove(conversation, seq);
    }

    /**
     * Hands the message's event to the producer, after the earlier messages of its
     * conversation whose publication failed. Called in the conversation's writer slot.
     * @return completes when the message's event is acked, exceptionally when it (or an
     * earlier one of its conversation) was not
     */
    CompletableFuture<Void> publish(int shard, StoredMessage message, List<UserId> members) {
        ShardLog shardLog = log(shard);
        List<Pending> due = shardLog.due(message, members);
        return hand(shardLog, due);
    }

    private CompletableFuture<Void> hand(ShardLog shardLog, List<Pending> due) {
        CompletableFuture<?>[] handed = new CompletableFuture<?>[due.size()];
        for (int i = 0; i < handed.length; i++) {
            Pending pending = due.get(i);
            handed[i] = publisher
                .publish(MessageEvents.of(pending.message, pending.members, clock.instant()), PublishPolicy.AWAIT)
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        shardLog.remove(pending.message.conversationId(), pending.message.seq());
                    }
                    else {
                        shardLog.failed(pending);
                    }
                });
        }
        return CompletableFuture.allOf(handed);
    }

    /** Publishes again what failed, conversation by conversation in their slots. */
    void republishFailed() {
        for (Map.Entry<Integer, ShardLog> entry : shards.entrySet()) {
            ShardLog shardLog = entry.getValue();
            for (ConversationId conversation : shardLog.failedConversations()) {
                ReentrantLock slot = counters.enter(conversation);
                try {
                    if (shards.get(entry.getKey()) != shardLog) {
                        break;
                    }
                    List<Pending> due = shardLog.failedOf(conversation);
                    republished.increment(due.size());
                    hand(shardLog, due);
                }
                finally {
                    slot.unlock();
                }
            }
        }
    }

    /** Writes the mark of every shard held, where it moved. */
    void writeMarks() {
        for (int shard = 0; shard < ownership.shards(); shard++) {
            Optional<Tenure> tenure = ownership.tenure(shard);
            ShardLog shardLog = shards.get(shard);
            if (tenure.isEmpty() || shardLog == null) {
                continue;
            }
            Instant mark = shardLog.publishedBefore(clock);
            if (mark.equals(marksWritten.get(shard))) {
                continue;
            }
            int written = shard;
            outbox.writeMark(ownership.group(), shard, mark, tenure.get().nextWriteTimestamp())
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        marksWritten.put(written, mark);
                    }
                    else {
                        log.debug("Could not write the published mark of shard {}", written, failure);
                    }
                });
        }
    }

    /**
     * Before the new tenure serves a send: what the previous owner may not have published
     * is read from the outbox and published (by the next {@link #republishFailed}, or
     * before the next send of its conversation), and the shard's mark is written.
     */
    @Override
    public void acquiring(Tenure tenure) {
        int shard = tenure.shard();
        ShardLog shardLog = new ShardLog();
        Instant now = clock.instant();
        Optional<Instant> mark = outbox.readMark(ownership.group(), shard);
        if (mark.isPresent()) {
            List<OutboxRepository.Entry> entries = outbox.readFrom(ownership.group(), shard,
                    mark.get().minus(properties.recoveryMargin()), now.plus(properties.recoveryMargin()));
            entries.sort(Comparator.comparing((OutboxRepository.Entry e) -> e.conversation().value())
                .thenComparingLong(OutboxRepository.Entry::seq));
            for (OutboxRepository.Entry entry : entries) {
                messages.find(entry.conversation(), entry.seq())
                    .ifPresent(message -> shardLog.recovered(message, entry.members()));
            }
            recovered.increment(shardLog.size());
            if (shardLog.size() > 0) {
                log.info("Shard {}: {} messages from the outbox to publish again", shard, shardLog.size());
            }
        }
        Instant publishedBefore = shardLog.publishedBefore(clock);
        outbox.writeMark(ownership.group(), shard, publishedBefore, tenure.nextWriteTimestamp())
            .toCompletableFuture()
            .join();
        marksWritten.put(shard, publishedBefore);
        shards.put(shard, shardLog);
    }

    @Override
    public void ended(int shard) {
        shards.remove(shard);
        marksWritten.remove(shard);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "publications");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> safely(this::republishFailed), 0,
                properties.republishInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> safely(this::writeMarks), properties.markInterval().toMillis(),
                properties.markInterval().toMillis(), TimeUnit.MILLISECONDS);
        loop = executor;
    }

    /**
     * At shutdown, after the web server drained: a last attempt, then the final marks.
     */
    @Override
    public void stop() {
        ScheduledExecutorService executor = loop;
        loop = null;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        safely(this::republishFailed);
        safely(this::writeMarks);
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    int pendingCount() {
        return shards.values().stream().mapToInt(ShardLog::size).sum();
    }

    private ShardLog log(int shard) {
        return shards.computeIfAbsent(shard, ignored -> new ShardLog());
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        }
        catch (RuntimeException ex) {
            log.debug("Publication round failed", ex);
        }
    }

    /** A message whose event Kafka has not acked. */
    static final class Pending {

        private final Instant sentAt;

        private @Nullable StoredMessage message;

        private List<UserId> members = List.of();

        /** Whether its last publication failed (it is due again). */
        private boolean failed;

        Pending(Instant sentAt) {
            this.sentAt = sentAt;
        }

        /** The stored message, once it is stored. */
        @Nullable StoredMessage message() {
            return message;
        }

    }

    /** One shard's unacked messages, by conversation and seq. */
    static final class ShardLog {

        private final Map<ConversationId, TreeMap<Long, Pending>> byConversation = new HashMap<>();

        synchronized Instant begin(ConversationId conversation, long seq, Clock clock) {
            Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            byConversation.computeIfAbsent(conversation, ignored -> new TreeMap<>()).put(seq, new Pending(sentAt));
            return sentAt;
        }

        synchronized void recovered(StoredMessage message, List<UserId> members) {
            Pending pending = new Pending(message.sentAt());
            pending.message = message;
            pending.members = members;
            pending.failed = true;
            byConversation.computeIfAbsent(message.conversationId(), ignored -> new TreeMap<>())
                .put(message.seq(), pending);
        }

        /**
         * The message (registered or not) and, before it, its conversation's failed ones,
         * all marked as handed to the producer.
         */
        synchronized List<Pending> due(StoredMessage message, List<UserId> members) {
            TreeMap<Long, Pending> conversation = byConversation.computeIfAbsent(message.conversationId(),
                    ignored -> new TreeMap<>());
            Pending own = conversation.computeIfAbsent(message.seq(), ignored -> new Pending(message.sentAt()));
            own.message = message;
            own.members = members;
            List<Pending> due = takeFailed(conversation.headMap(message.seq(), false).values());
            own.failed = false;
            due.add(own);
            return due;
        }

        synchronized List<Pending> failedOf(ConversationId conversation) {
            TreeMap<Long, Pending> pending = byConversation.get(conversation);
            return (pending != null) ? takeFailed(pending.values()) : new ArrayList<>();
        }

        /** The failed ones among these, in order, marked as handed to the producer. */
        private static List<Pending> takeFailed(Iterable<Pending> candidates) {
            List<Pending> due = new ArrayList<>();
            for (Pending candidate : candidates) {
                if (candidate.failed && candidate.message != null) {
                    candidate.failed = false;
                    due.add(candidate);
                }
            }
            return due;
        }

        synchronized List<ConversationId> failedConversations() {
            List<ConversationId> failed = new ArrayList<>();
            byConversation.forEach((conversation, pending) -> {
                if (pending.values().stream().anyMatch(candidate -> candidate.failed)) {
                    failed.add(conversation);
                }
            });
            return failed;
        }

        synchronized @Nullable Pending pendingOf(ConversationId conversation, long seq) {
            TreeMap<Long, Pending> pending = byConversation.get(conversation);
            return (pending != null) ? pending.get(seq) : null;
        }

        synchronized void failed(Pending pending) {
            pending.failed = true;
        }

        synchronized void remove(ConversationId conversation, long seq) {
            TreeMap<Long, Pending> pending = byConversation.get(conversation);
            if (pending != null && pending.remove(seq) != null && pending.isEmpty()) {
                byConversation.remove(conversation);
            }
        }

        /** The sentAt of the oldest message not yet acked, or now when there is none. */
        synchronized Instant publishedBefore(Clock clock) {
            Instant oldest = null;
            for (TreeMap<Long, Pending> pending : byConversation.values()) {
                for (Pending candidate : pending.values()) {
                    if (oldest == null || candidate.sentAt.isBefore(oldest)) {
                        oldest = candidate.sentAt;
                    }
                }
            }
            return (oldest != null) ? oldest : clock.instant().truncatedTo(ChronoUnit.MILLIS);
        }

        synchronized int size() {
            return byConversation.values().stream().mapToInt(Map::size).sum();
        }

    }

}
