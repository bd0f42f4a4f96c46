package com.acme.chat.messaging.message;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingCaches;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.shard.Tenure;

/**
 * The owner's seq counters (ADR 0014): the highest stored seq of each conversation it
 * writes, kept in the bounded cache {@code seq-hints} together with the tenure it was
 * learnt in, and the writer slot that sends to one conversation queue on (fair, so a busy
 * conversation serves its senders in arrival order). A counter of an earlier tenure is
 * never trusted: another instance may have written in between. A missing counter costs
 * one quorum read of the newest bucket.
 */
@Component
class SeqCounters {

    private static final int LOCK_STRIPES = 1024;

    /** A conversation's highest stored seq, as learnt in one tenure. */
    record Counter(long tenureId, long max) {
    }

    private final MessageRepository messages;

    private final Cache<ConversationId, Counter> counters;

    private final long lockTimeoutMillis;

    private final ReentrantLock[] slots = new ReentrantLock[LOCK_STRIPES];

    @Autowired
    SeqCounters(MessageRepository messages, MessagingProperties properties, ChatCaches caches) {
        this(messages, properties, caches.<ConversationId, Counter>get(MessagingCaches.SEQ_HINTS));
    }

    SeqCounters(MessageRepository messages, MessagingProperties properties, Cache<ConversationId, Counter> counters) {
        this.messages = messages;
        this.counters = counters;
        this.lockTimeoutMillis = properties.seqLockTimeout().toMillis();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            slots[i] = new ReentrantLock(true);
        }
    }

    /**
     * Waits for the conversation's writer slot.
     * @throws ChatException {@code service_unavailable} after {@code seq-lock-timeout}
     */
    ReentrantLock enter(ConversationId conversation) {
        ReentrantLock slot = slots[Math.floorMod(conversation.value().hashCode(), LOCK_STRIPES)];
        try {
            if (!slot.tryLock(lockTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The conversation is busy; retry the same request");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted; retry the same request");
        }
        return slot;
    }

    /**
     * A conversation's highest stored seq as its writer sees it.
     *
     * @param seq the highest stored seq (0 for none)
     * @param cold whether it was read from storage because this tenure had no counter, so
     * the conversation may be new to this writer
     */
    record Max(long seq, boolean cold) {
    }

    /**
     * @return the conversation's highest stored seq for a writer in {@code tenure} (call
     * in the slot); read from storage unless learnt in this tenure
     */
    Max max(ConversationId conversation, Tenure tenure) {
        Counter counter = counters.getIfPresent(conversation);
        if (counter != null && counter.tenureId() == tenure.id()) {
            return new Max(counter.max(), false);
        }
        return new Max(walkToTop(conversation, counter), true);
    }

    /** The message at {@code seq} is stored (call in the slot). */
    void advance(ConversationId conversation, Tenure tenure, long seq) {
        counters.asMap()
            .merge(conversation, new Counter(tenure.id(), seq),
                    (old, now) -> (old.tenureId() == now.tenureId() && old.max() > now.max()) ? old : now);
    }

    /**
     * The conversation's highest seq right now (0 if it has no messages), read at quorum;
     * for readers that need the newest page or bound a requested seq.
     */
    long storedMax(ConversationId conversation) {
        return walkToTop(conversation, counters.getIfPresent(conversation));
    }

    /**
     * Reads the top of the newest bucket, starting from a counter of any tenure (its seq
     * exists) or else from the stored hint.
     */
    private long walkToTop(ConversationId conversation, @Nullable Counter counter) {
        long known = (counter != null) ? counter.max() : messages.readSeqHint(conversation);
        return SeqPlanner.walkToTop(known, bucket -> messages.topSeq(conversation, bucket));
    }

    /**
     * Forgets every counter, as a restart would; seqs must continue correctly from what
     * is stored.
     */
    void forgetAll() {
        counters.invalidateAll();
    }

}
