package com.acme.chat.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the open-loop generators share: the send schedule (message {@code n} is due at
 * {@code start + n / rate}, whatever the server's speed, and latency is measured from
 * that due time, so a slow server cannot hide its queueing: no coordinated omission) and
 * the latency histograms and their printing.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * @return when message {@code n} of a run at {@code rate} per second is due
     */
    static long due(long start, int n, double rate) {
        return start + (long) (n * (1e9 / rate));
    }

    /** Sleeps until {@code due} ({@link System#nanoTime()}), to within about 0.1 ms. */
    static void waitUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 200_000) {
            TimeUnit.NANOSECONDS.sleep(wait - 100_000);
        }
    }

    /**
     * @return a histogram of microseconds, 3 significant digits, that grows with its
     * values (an overloaded run's latencies may pass any fixed bound)
     */
    static Histogram micros() {
        return new ConcurrentHistogram(3);
    }

    /** Records {@code now - since} in microseconds (0 if negative). */
    static void record(Histogram histogram, long since, long now) {
        histogram.recordValue(Math.max(0, (now - since) / 1000));
    }

    /**
     * @return the counts, sorted by key, as they are now
     */
    static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    static void print(String name, Histogram histogram) {
        System.out.printf("%s latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (n=%d)%n", name,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0,
                histogram.getTotalCount());
    }

}
