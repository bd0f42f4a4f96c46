package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingCaches;
import com.acme.chat.messaging.config.MessagingProperties;

/**
 * Gives a message its seq by inserting its row at {@code max + 1} with
 * {@code IF NOT EXISTS}; on a conflict it re-reads the max serially and tries the next
 * seq (see {@link SeqPlanner}). Correct across instances and restarts because the message
 * row itself is the compare-and-set: a seq exists exactly when its message does.
 * <p>
 * Two things keep it cheap: a per-conversation hint of the last seq (the bounded cache
 * {@code seq-hints}; losing a hint only costs a read), and a per-conversation writer slot
 * on this instance, so concurrent sends to one conversation queue here instead of
 * colliding in Paxos. Across instances they still collide and retry, which is correct,
 * just slower.
 */
@Component
class SequenceAllocator {

    private static final Logger log = LoggerFactory.getLogger(SequenceAllocator.class);

    private static final int LOCK_STRIPES = 1024;

    private final MessageRepository messages;

    private final Clock clock;

    private final SeqPlanner planner;

    private final long lockTimeoutMillis;

    private final Cache<ConversationId, Long> hints;

    private final ReentrantLock[] writers = new ReentrantLock[LOCK_STRIPES];

    private final Counter conflicts;

    @Autowired
    SequenceAllocator(MessageRepository messages, Clock clock, MessagingProperties properties, ChatCaches caches,
            MeterRegistry meters) {
        this(messages, clock, properties, caches.get(MessagingCaches.SEQ_HINTS), meters);
    }

    SequenceAllocator(MessageRepository messages, Clock clock, MessagingProperties properties,
            Cache<ConversationId, Long> hints, MeterRegistry meters) {
        this.messages = messages;
        this.clock = clock;
        this.planner = new SeqPlanner(properties.seqMaxAttempts());
        this.lockTimeoutMillis = properties.seqLockTimeout().toMillis();
        this.hints = hints;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            // Fair, so a busy conversation serves its senders in arrival order.
            writers[i] = new ReentrantLock(true);
        }
        this.conflicts = Counter.builder("chat.messaging.seq.conflicts")
            .description("Seq inserts that found the seq taken by another writer")
            .register(meters);
    }

    /**
     * A message that was just stored.
     *
     * @param message the message with its seq and sentAt
     * @param firstSeenHere whether this instance had no hint for the conversation (so it
     * may be new)
     */
    record Allocation(StoredMessage message, boolean firstSeenHere) {
    }

    /**
     * Everything of a message except its place: the seq and sentAt are set when the
     * insert is tried.
     */
    interface Draft {

        ConversationId conversationId();

        StoredMessage at(long seq, Instant sentAt);

    }

    /**
     * Stores the message at the next free seq of its conversation.
     * @throws ChatException {@code service_unavailable} when the conversation is too
     * contended or storage too slow
     */
    Allocation store(Draft draft) {
        ConversationId conversation = draft.conversationId();
        ReentrantLock writer = writers[Math.floorMod(conversation.value().hashCode(), LOCK_STRIPES)];
        acquire(writer);
        try {
            Long hint = hints.getIfPresent(conversation);
            boolean cold = hint == null;
            long max = cold ? coldMax(conversation) : hint;
            long candidate = planner.first(max);
            int unknownOutcomes = 0;
            for (int attempt = 1;; attempt++) {
                StoredMessage message = draft.at(candidate, clock.instant().truncatedTo(ChronoUnit.MILLIS));
                OptionalLong next;
                switch (messages.insertIfAbsent(message)) {
                    case STORED -> {
                        remember(conversation, candidate);
                        return new Allocation(message, cold);
                    }
                    case TAKEN -> {
                        conflicts.increment();
                        long observed = SeqPlanner.walkToTop(candidate, serialTops(conversation));
                        next = planner.afterConflict(attempt, candidate, observed);
                    }
                    default -> {
                        unknownOutcomes++;
                        next = planner.afterUnknownOutcome(attempt, unknownOutcomes, candidate);
                    }
                }
                if (next.isEmpty()) {
                    hints.invalidate(conversation);
                    log.warn("Gave up allocating a seq in {} after {} attempts", conversation, attempt);
                    throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                            "The conversation is busy; retry the same request");
                }
                candidate = next.getAsLong();
            }
        }
        finally {
            writer.unlock();
        }
    }

    /**
     * The conversation's highest seq right now (0 if it has no messages), read from
     * Cassandra; for readers that need the newest page or want to bound a requested seq.
     */
    long currentMax(ConversationId conversation) {
        Long hint = hints.getIfPresent(conversation);
        long known = (hint != null) ? hint : messages.readSeqHint(conversation);
        return SeqPlanner.walkToTop(known, bucket -> messages.topSeq(conversation, bucket, false));
    }

    /**
     * Forgets every hint, as a restart would; seqs must continue correctly from what is
     * stored.
     */
    void forgetHints() {
        hints.invalidateAll();
    }

    private long coldMax(ConversationId conversation) {
        long hint = messages.readSeqHint(conversation);
        return SeqPlanner.walkToTop(hint, bucket -> messages.topSeq(conversation, bucket, false));
    }

    private LongFunction<OptionalLong> serialTops(ConversationId conversation) {
        return bucket -> messages.topSeq(conversation, bucket, true);
    }

    private void remember(ConversationId conversation, long seq) {
        // Never backwards: a hint must point at a seq that exists, and the highest one is
        // the most useful.
        hints.asMap().merge(conversation, seq, Math::max);
    }

    private void acquire(ReentrantLock writer) {
        try {
            if (!writer.tryLock(lockTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The conversation is busy; retry the same request");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted; retry the same request");
        }
    }

}
