package com.acme.chat.kit.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

import com.acme.chat.common.event.ChatEvent;

/**
 * Logs failed publications without flooding the log while the broker is away: at most one
 * WARN per {@link #INTERVAL}, saying how many failures it stands for, the others at
 * DEBUG. The {@code chat.kafka.publish} timer has the exact count. Logs ids only (event
 * type and id, record key, topic), never an event's content.
 */
final class PublishFailureLog {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Logger log;

    private final LongSupplier nanoClock;

    private final AtomicLong nextWarnAt;

    private final AtomicLong suppressed = new AtomicLong();

    PublishFailureLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.nextWarnAt = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * @param event the event that was not acknowledged
     * @param outcome {@code failed} or {@code timeout}
     * @param cause why
     */
    void failed(ChatEvent event, String outcome, Throwable cause) {
        long now = nanoClock.getAsLong();
        long next = nextWarnAt.get();
        if (now - next >= 0 && nextWarnAt.compareAndSet(next, now + INTERVAL.toNanos())) {
            log.warn(
                    "Kafka did not acknowledge {} {} (key {}) on {}: {} ({}); {} other publication(s) failed since the "
                            + "last report",
                    event.getClass().getSimpleName(), event.eventId(), event.partitionKey(), event.topic(), outcome,
                    cause.toString(), suppressed.getAndSet(0));
        }
        else {
            suppressed.incrementAndGet();
            log.debug("Kafka did not acknowledge {} {} (key {}) on {}: {} ({})", event.getClass().getSimpleName(),
                    event.eventId(), event.partitionKey(), event.topic(), outcome, cause.toString());
        }
    }

}
