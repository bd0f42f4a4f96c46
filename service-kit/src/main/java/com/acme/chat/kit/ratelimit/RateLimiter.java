package com.acme.chat.kit.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderBuildStage;
import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderCapacityStage;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

/**
 * Token buckets in Redis (Bucket4j, compare-and-swap on one key per rule and subject), so
 * a user's budget is the same on every instance. Concurrent checks of one bucket in this
 * instance are batched (Bucket4j's batching optimization): a burst costs one Redis
 * exchange at a time per bucket, not a compare-and-swap race.
 * <p>
 * The rules per client address ({@link RateLimitProperties#PER_ADDRESS}) are Bucket4j's
 * local buckets instead, in a bounded cache of this instance: no network round trip, a
 * budget per instance (ADR 0023). Their answer is the same.
 * <p>
 * <b>Failure.</b> A check that Redis does not answer within
 * {@code chat.rate-limits.timeout} lets the request through and counts
 * {@code chat.rate_limits.unavailable}: rate limits protect the service from abuse, and
 * must not become an outage of their own when Redis is away (Redis holds only rebuildable
 * state here). The per-address rules need nothing outside the instance and are always
 * checked. Refusals are counted in {@code chat.rate_limits.refused} by rule.
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** The advised wait of a strict check that Redis did not answer. */
    public static final Duration UNCHECKED_RETRY_AFTER = Duration.ofSeconds(5);

    /** Addresses remembered per rule, a few hundred bytes each. */
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final RateLimitProperties properties;

    private final Supplier<AsyncProxyManager<byte[]>> buckets;

    private final String keyPrefix;

    private final MeterRegistry meters;

    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    private final Counter unavailable;

    private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    /**
     * The per-address buckets of this instance, by rule, then by address. Bounded, so a
     * flood from many addresses costs a bounded amount of memory: past the bound the
     * cache keeps the addresses it sees most (the flooding ones) and forgets rare ones,
     * which start again with a full bucket. An address idle until its bucket would be
     * full again is forgotten: a new bucket is the same.
     */
    private final Map<String, Cache<String, Bucket>> localBuckets = new ConcurrentHashMap<>();

    /**
     * One proxy per bucket while it is in use, so that concurrent checks of the same
     * bucket (a burst of one user) are batched into one compare-and-swap instead of
     * competing for it.
     */
    private final Cache<String, AsyncBucketProxy> proxies = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterAccess(Duration.ofMinutes(1))
        .build();

    /**
     * @param buckets the Redis-backed buckets, asked for at the first check
     * @param keyPrefix put before every key (the deployment's namespace and {@code rl:})
     */
    public RateLimiter(RateLimitProperties properties, Supplier<AsyncProxyManager<byte[]>> buckets, String keyPrefix,
            MeterRegistry meters) {
        this.properties = properties;
        this.buckets = buckets;
        this.keyPrefix = keyPrefix;
        this.meters = meters;
        this.unavailable = Counter.builder("chat.rate_limits.unavailable")
            .description("Rate limit checks let through because Redis did not answer in time")
            .register(meters);
    }

    /**
     * Takes one token from the bucket of {@code rule} for {@code subject}.
     * @return how long to wait before the next attempt, or {@link Duration#ZERO} when the
     * request may go ahead
     */
    public CompletableFuture<Duration> acquire(String rule, String subject) {
        return acquire(rule, subject, 1);
    }

    /**
     * Takes {@code tokens} tokens at once from the bucket of {@code rule} for
     * {@code subject}, or none. More tokens than the rule's capacity are never granted.
     * @return how long to wait before the next attempt, or {@link Duration#ZERO} when the
     * request may go ahead
     */
    public CompletableFuture<Duration> acquire(String rule, String subject, long tokens) {
        return take(rule, subject, tokens).thenApply(wait -> (wait != null) ? wait : Duration.ZERO);
    }

    /**
     * @return the wait as {@link #acquire}, or {@code null} when Redis did not answer in
     * time (counted as unavailable)
     */
    private CompletableFuture<@Nullable Duration> take(String rule, String subject, long tokens) {
        if (!this.properties.enabled()) {
            return CompletableFuture.completedFuture(Duration.ZERO);
        }
        if (RateLimitProperties.PER_ADDRESS.contains(rule)) {
            ConsumptionProbe local = this.localBuckets.computeIfAbsent(rule, this::localBuckets)
                .get(subject, address -> Bucket.builder().addLimit(limit(rule)).build())
                .tryConsumeAndReturnRemaining(tokens);
            return CompletableFuture.completedFuture(wait(rule, local));
        }
        BucketConfiguration configuration = this.configurations.computeIfAbsent(rule,
                name -> BucketConfiguration.builder().addLimit(limit(name)).build());
        String key = this.keyPrefix + rule + ":" + subject;
        CompletableFuture<ConsumptionProbe> probe;
        try {
            probe = this.proxies
                .get(key,
                        k -> this.buckets.get()
                            .builder()
                            .withOptimization(Optimizations.batching())
                            .build(k.getBytes(StandardCharsets.UTF_8), configuration))
                .tryConsumeAndReturnRemaining(tokens);
        }
        catch (RuntimeException ex) {
            probe = CompletableFuture.failedFuture(ex);
        }
        return probe.orTimeout(this.properties.timeout().toMillis(), TimeUnit.MILLISECONDS).handle((result, ex) -> {
            if (ex != null) {
                this.unavailable.increment();
                log.debug("Rate limit {} for {} not checked: {}", rule, subject, ex.toString());
                return null;
            }
            return wait(rule, result);
        });
    }

    /** {@link Duration#ZERO} when consumed, else the wait, counted as refused. */
    private Duration wait(String rule, ConsumptionProbe result) {
        if (result.isConsumed()) {
            return Duration.ZERO;
        }
        this.refused.computeIfAbsent(rule, this::refusedCounter).increment();
        // At least a millisecond: ZERO means "go ahead".
        return Duration.ofNanos(Math.max(result.getNanosToWaitForRefill(), 1_000_000));
    }

    /**
     * For blocking callers (servlet services): takes a token or throws.
     * @throws ChatException {@code rate_limited} with the advised wait
     */
    public void check(String rule, String subject) {
        check(rule, subject, 1);
    }

    /**
     * For blocking callers: takes {@code tokens} tokens at once or throws.
     * @throws ChatException {@code rate_limited} with the advised wait
     */
    public void check(String rule, String subject, long tokens) {
        Duration wait = await(rule, subject, tokens);
        if (wait != null && !wait.isZero()) {
            throw refusal(rule, wait);
        }
    }

    /**
     * Like {@link #check(String, String, long)}, but a check Redis does not answer
     * refuses the request instead of letting it through: for a rule that is the only
     * protection of what it guards (messaging's {@code discover}), where an outage of
     * Redis must not open it.
     * @throws ChatException {@code rate_limited} with the advised wait, or
     * {@code service_unavailable} (retryable, after {@link #UNCHECKED_RETRY_AFTER}) when
     * the limit could not be checked
     */
    public void checkStrictly(String rule, String subject, long tokens) {
        Duration wait = await(rule, subject, tokens);
        if (wait == null) {
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The " + rule + " limit cannot be checked right now; retry later", UNCHECKED_RETRY_AFTER);
        }
        if (!wait.isZero()) {
            throw refusal(rule, wait);
        }
    }

    /**
     * @return the wait, or {@code null} when Redis did not answer in time
     */
    private @Nullable Duration await(String rule, String subject, long tokens) {
        try {
            return take(rule, subject, tokens).get(this.properties.timeout().toMillis() * 2 + 100,
                    TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (ExecutionException | TimeoutException ex) {
            this.unavailable.increment();
            return null;
        }
    }

    /** The error a refused request gets: 429 {@code rate_limited} with the wait. */
    public static ChatException refusal(String rule, Duration wait) {
        return new ChatException(ErrorCode.RATE_LIMITED,
                "Too many requests (" + rule + "); retry after " + wait.toMillis() + " ms", wait);
    }

    /** The rule's one limit, scaled: the same for Redis and local buckets. */
    private Function<BandwidthBuilderCapacityStage, BandwidthBuilderBuildStage> limit(String rule) {
        RateLimitProperties.Rule limits = this.properties.rule(rule);
        return limit -> limit.capacity(limits.capacity() * this.properties.scale())
            .refillGreedy(limits.refillTokens() * this.properties.scale(), limits.refillPeriod());
    }

    private Cache<String, Bucket> localBuckets(String rule) {
        RateLimitProperties.Rule limits = this.properties.rule(rule);
        // Empty to full at the refill rate, rounded up: the scale changes both alike.
        Duration untilFull = limits.refillPeriod()
            .multipliedBy((limits.capacity() + limits.refillTokens() - 1) / limits.refillTokens());
        return Caffeine.newBuilder().maximumSize(MAX_LOCAL_BUCKETS).expireAfterAccess(untilFull).build();
    }

    private Counter refusedCounter(String rule) {
        return Counter.builder("chat.rate_limits.refused")
            .description("Requests refused with rate_limited")
            .tag("rule", rule)
            .register(this.meters);
    }

}
