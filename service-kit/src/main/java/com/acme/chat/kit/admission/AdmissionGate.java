package com.acme.chat.kit.admission;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

/**
 * Admission control for one kind of work (e.g. sends): at most {@code maxInFlight} at
 * once in this instance; one more is refused at once, before any of it is done, with
 * {@code overloaded} and an advised retry delay. A refusal is unambiguous: the request
 * was not applied, unlike a timeout. The limit only helps where the work would otherwise
 * queue behind the gate; size it below what queues elsewhere first (a servlet service's
 * worker threads, a caller's connection pool).
 * <p>
 * A Resilience4j {@link Bulkhead} (semaphore, no waiting) counts the work in flight.
 * Meters: {@code chat.admission.in_flight} (gauge) and {@code chat.admission.rejected}
 * (counter), tagged {@code gate}. The advised delay is the configured one plus up to half
 * of it at random, so refused clients do not all come back in the same instant.
 * Thread-safe.
 */
public final class AdmissionGate {

    /** The counter of refused requests. */
    public static final String REJECTED_METER = "chat.admission.rejected";

    /** The gauge of admitted requests in flight. */
    public static final String IN_FLIGHT_METER = "chat.admission.in_flight";

    private final Bulkhead bulkhead;

    private final int maxInFlight;

    private final Duration retryAfter;

    private final Counter rejected;

    /**
     * @param name the gate's name (the meters' {@code gate} tag)
     * @param maxInFlight how many may be in flight at once (at least 1)
     * @param retryAfter the base of the delay advised to refused callers
     * @param meters where the meters go
     */
    public AdmissionGate(String name, int maxInFlight, Duration retryAfter, MeterRegistry meters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.retryAfter = retryAfter;
        this.bulkhead = Bulkhead.of(name,
                BulkheadConfig.custom().maxConcurrentCalls(maxInFlight).maxWaitDuration(Duration.ZERO).build());
        this.rejected = Counter.builder(REJECTED_METER)
            .description("Requests refused with overloaded because too many were in flight")
            .tag("gate", name)
            .register(meters);
        Gauge.builder(IN_FLIGHT_METER, this, AdmissionGate::inFlight)
            .description("Admitted requests in flight")
            .tag("gate", name)
            .register(meters);
    }

    /**
     * Admits one request, or counts a refusal.
     * @return whether it was admitted; if so, {@link #exit()} must follow exactly once
     */
    public boolean tryEnter() {
        if (bulkhead.tryAcquirePermission()) {
            return true;
        }
        rejected.increment();
        return false;
    }

    /** Ends an admitted request. */
    public void exit() {
        bulkhead.onComplete();
    }

    /**
     * @return how many admitted requests are in flight
     */
    public int inFlight() {
        return maxInFlight - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /**
     * @return the delay to advise a refused caller: the configured one plus up to half of
     * it at random
     */
    public Duration retryAfter() {
        long base = retryAfter.toMillis();
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /**
     * @param what what was refused, for the detail (e.g. "send")
     * @return the {@code overloaded} failure to answer a refused request with
     */
    public ChatException overloaded(String what) {
        return new ChatException(ErrorCode.OVERLOADED, detail(what), retryAfter());
    }

    /**
     * @param what what was refused (e.g. "send")
     * @return the detail of an {@code overloaded} answer
     */
    public static String detail(String what) {
        return "Too many " + what + "s in flight on this server; retry after the advised delay";
    }

}
