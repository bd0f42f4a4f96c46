package com.acme.chat.messaging.shard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.acme.chat.common.id.ConversationId;

/**
 * Which instance writes which conversations (ADR 0014). Conversations are spread over
 * {@code chat.messaging.ownership.shards} shards; this instance takes free shards and
 * shards whose lease stopped moving, renews what it holds, and releases it on shutdown.
 * One background thread does all of it, every {@code renew-interval}; the send path only
 * reads the current {@link Tenure}s.
 * <p>
 * Started before the web server and stopped after it, so in-flight sends of a graceful
 * shutdown still find their tenure; the first round runs once the server's port (the
 * address other instances forward to) is known.
 */
@Component
public class ShardOwnership implements SmartLifecycle, ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShardOwnership.class);

    /** Below the web server's start/stop phases: started before it, stopped after it. */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final LeaseRepository leases;

    private final OwnershipProperties properties;

    private final ObjectProvider<ShardListener> listeners;

    private final Clock clock;

    private final LongSupplier nanoClock;

    private final String instanceId = "messaging-" + UUID.randomUUID();

    private final AtomicReferenceArray<@Nullable Tenure> tenures;

    private final AtomicReferenceArray<@Nullable Observation> observed;

    private final AtomicLong tenureIds = new AtomicLong();

    private final long leaseNanos;

    private final long takeoverNanos;

    private final Counter takeOvers;

    private final Counter losses;

    private final Counter lapses;

    private volatile @Nullable String address;

    private volatile @Nullable ScheduledExecutorService loop;

    private volatile boolean running;

    private volatile boolean firstRoundDone;

    /** What this instance last saw of a shard it does not hold. */
    private record Observation(@Nullable String owner, @Nullable String address, long epoch, long renewal,
            long firstSeenNanos, boolean seenMoving) {
    }

    @Autowired
    ShardOwnership(LeaseRepository leases, OwnershipProperties properties, Clock clock, MeterRegistry meters,
            ObjectProvider<ShardListener> listeners) {
        this(leases, properties, clock, System::nanoTime, meters, listeners);
    }

    ShardOwnership(LeaseRepository leases, OwnershipProperties properties, Clock clock, LongSupplier nanoClock,
            MeterRegistry meters, ObjectProvider<ShardListener> listeners) {
        this.leases = leases;
        this.properties = properties;
        this.listeners = listeners;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.tenures = new AtomicReferenceArray<>(properties.shards());
        this.observed = new AtomicReferenceArray<>(properties.shards());
        this.leaseNanos = properties.leaseDuration().toNanos();
        this.takeoverNanos = properties.leaseDuration().plus(properties.takeoverMargin()).toNanos();
        this.address = properties.advertisedAddress();
        Gauge.builder("chat.messaging.shards.owned", this, ShardOwnership::ownedCount)
            .description("Conversation shards this instance holds the lease of")
            .register(meters);
        this.takeOvers = Counter.builder("chat.messaging.shards.acquired")
            .description("Shard leases this instance acquired")
            .register(meters);
        this.losses = Counter.builder("chat.messaging.shards.lost")
            .description("Shard leases this instance lost without releasing them")
            .register(meters);
        this.lapses = Counter.builder("chat.messaging.shards.lapsed")
            .description("Renewals that came after the lease had run out by this instance's clock")
            .register(meters);
    }

    /** The shard of a conversation; stable across instances and restarts. */
    public int shardOf(ConversationId conversation) {
        return Math.floorMod(conversation.value().hashCode(), properties.shards());
    }

    /**
     * @return this instance's tenure of the shard, if it holds a valid one now
     */
    public Optional<Tenure> tenure(int shard) {
        Tenure tenure = tenures.get(shard);
        return (tenure != null && tenure.valid()) ? Optional.of(tenure) : Optional.empty();
    }

    /**
     * @return the address of the instance that holds the shard according to the last look
     * at its lease, if that is another instance
     */
    public Optional<String> ownerAddress(int shard) {
        Observation seen = observed.get(shard);
        return (seen == null || seen.owner() == null) ? Optional.empty() : Optional.ofNullable(seen.address());
    }

    /**
     * @return whether every shard has an owner that is known to be alive (this instance,
     * or one whose renewals were seen moving), so sends can be served
     */
    public boolean everyShardServed() {
        if (!firstRoundDone) {
            return false;
        }
        for (int shard = 0; shard < properties.shards(); shard++) {
            Observation seen = observed.get(shard);
            if (tenure(shard).isEmpty() && (seen == null || seen.owner() == null || !seen.seenMoving())) {
                return false;
            }
        }
        return true;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The lease group: the instances that share these shards. */
    public String group() {
        return properties.group();
    }

    /** How many shards conversations are spread over. */
    public int shards() {
        return properties.shards();
    }

    int ownedCount() {
        int owned = 0;
        for (int shard = 0; shard < properties.shards(); shard++) {
            owned += tenure(shard).isPresent() ? 1 : 0;
        }
        return owned;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getParent() != null) {
            return;
        }
        if (address == null) {
            address = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
        // The first round runs before the application reports started, so free shards
        // are held before the first request.
        roundSafely();
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shard-leases");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.renewInterval().toMillis();
        // At a fixed rate: a slow round does not push the next renewal further out.
        executor.scheduleAtFixedRate(this::roundSafely, 0, interval, TimeUnit.MILLISECONDS);
        loop = executor;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = loop;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        releaseAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Ends every tenure and clears its lease, so another instance takes the shards at
     * once. Nothing is acknowledged under a tenure after it ended.
     */
    void releaseAll() {
        for (int shard = 0; shard < properties.shards(); shard++) {
            Tenure tenure = tenures.getAndSet(shard, null);
            if (tenure == null) {
                continue;
            }
            tenure.end();
            ended(shard);
            try {
                leases.release(properties.group(), shard, instanceId, tenure.epoch(), tenure.nextRenewal());
            }
            catch (RuntimeException ex) {
                log.debug("Could not release shard {}; it will be taken over when its lease runs out", shard, ex);
            }
        }
    }

    private void roundSafely() {
        if (address == null) {
            return;
        }
        try {
            round();
        }
        catch (RuntimeException ex) {
            // Cassandra away: tenures run out by themselves; readiness shows the storage.
            log.debug("Shard lease round failed", ex);
        }
    }

    /**
     * One look at every shard: renew what is held (all renewals in flight at once, so a
     * round costs one lightweight-transaction round trip however many shards it holds; a
     * round of sequential renewals on a busy Cassandra outlasted the lease), then watch
     * and maybe take the rest.
     */
    synchronized void round() {
        Map<Integer, Renewal> renewals = new LinkedHashMap<>();
        for (int shard = 0; shard < properties.shards(); shard++) {
            Tenure tenure = tenures.get(shard);
            if (tenure != null) {
                renewals.put(shard, startRenewal(shard, tenure));
            }
        }
        for (int shard = 0; shard < properties.shards(); shard++) {
            if (!renewals.containsKey(shard)) {
                watch(shard);
            }
        }
        renewals.forEach(this::finishRenewal);
        firstRoundDone = true;
    }

    /** A renewal in flight. */
    private record Renewal(Tenure tenure, long epoch, long newEpoch, long sentAt,
            CompletableFuture<LeaseRepository.Outcome> outcome) {
    }

    private Renewal startRenewal(int shard, Tenure tenure) {
        long sentAt = nanoClock.getAsLong();
        long epoch = tenure.epoch();
        long newEpoch = tenure.epochHalfUsed() ? Tenure.nextEpoch(epoch, nowMicros()) : epoch;
        CompletableFuture<LeaseRepository.Outcome> outcome;
        try {
            outcome = leases.renew(properties.group(), shard, instanceId, epoch, tenure.nextRenewal(), newEpoch);
        }
        catch (RuntimeException ex) {
            outcome = CompletableFuture.completedFuture(LeaseRepository.Outcome.UNKNOWN);
        }
        return new Renewal(tenure, epoch, newEpoch, sentAt, outcome);
    }

    private void finishRenewal(int shard, Renewal renewal) {
        Tenure tenure = renewal.tenure();
        LeaseRepository.Outcome outcome = renewal.outcome().join();
        switch (outcome) {
            case APPLIED -> {
                tenure.renewed();
                if (renewal.newEpoch() != renewal.epoch()) {
                    tenure.moveTo(renewal.newEpoch());
                }
                if (!tenure.valid()) {
                    // Nobody took the shard meanwhile (the renewal applied), but sends in
                    // the gap were refused: renewals must come faster.
                    lapses.increment();
                    log.info("Shard {}: the lease had lapsed before this renewal", shard);
                }
                tenure.extend(renewal.sentAt() + leaseNanos);
            }
            case REJECTED -> {
                lose(shard, tenure, "its lease was taken over");
                // Learn the new owner at once, so sends are forwarded to it.
                watch(shard);
            }
            case UNKNOWN -> {
                // The deadline of the last applied renewal still holds; the next round
                // tries again.
                tenure.renewed();
                if (!tenure.valid()) {
                    lose(shard, tenure, "its lease ran out while renewals failed");
                }
            }
        }
    }

    private void lose(int shard, Tenure tenure, String why) {
        tenure.end();
        if (tenures.compareAndSet(shard, tenure, null)) {
            ended(shard);
        }
        losses.increment();
        log.warn("Lost shard {}: {}", shard, why);
    }

    private void watch(int shard) {
        long beforeRead = nanoClock.getAsLong();
        Optional<LeaseRepository.Lease> stored = leases.read(properties.group(), shard);
        // A lease is timed from after the read that saw it: its owner's deadline counts
        // from before the renewal was sent, which was before this read returned.
        long now = nanoClock.getAsLong();
        if (stored.isEmpty()) {
            long epoch = nowMicros();
            acquire(shard, beforeRead, () -> leases.create(properties.group(), shard, instanceId, address(), epoch),
                    epoch);
            return;
        }
        LeaseRepository.Lease lease = stored.get();
        Observation before = observed.get(shard);
        if (instanceId.equals(lease.owner())) {
            // A take-over whose answer was lost was applied after all: renewing it
            // starts a tenure whose deadline counts from now.
            Tenure adopted = new Tenure(shard, tenureIds.incrementAndGet(), lease.epoch(), beforeRead, nanoClock);
            adopted.renewedTo(lease.renewal());
            // Renewed first (its deadline is in the past until then), served only once
            // prepared.
            finishRenewal(shard, startRenewal(shard, adopted));
            if (adopted.valid() && prepare(adopted)) {
                tenures.set(shard, adopted);
            }
            return;
        }
        if (lease.owner() == null) {
            takeOver(shard, lease, beforeRead);
            return;
        }
        boolean unchanged = before != null && before.epoch() == lease.epoch() && before.renewal() == lease.renewal()
                && lease.owner().equals(before.owner());
        if (!unchanged) {
            // The same owner with a new renewal is alive; a new owner is not known to be
            // yet.
            boolean moving = before != null && lease.owner().equals(before.owner());
            observed.set(shard,
                    new Observation(lease.owner(), lease.address(), lease.epoch(), lease.renewal(), now, moving));
            return;
        }
        if (now - before.firstSeenNanos() >= takeoverNanos) {
            log.info("Taking over shard {} from {}: its lease has not moved for {}", shard, lease.owner(),
                    Duration.ofNanos(now - before.firstSeenNanos()));
            takeOver(shard, lease, nanoClock.getAsLong());
        }
    }

    /** Replaces the lease as read, at the next epoch, if it is still as read. */
    private void takeOver(int shard, LeaseRepository.Lease lease, long sentAt) {
        long epoch = Tenure.nextEpoch(lease.epoch(), nowMicros());
        acquire(shard, sentAt, () -> leases.takeOver(properties.group(), shard, instanceId, address(), epoch,
                lease.epoch(), lease.renewal()), epoch);
    }

    private void acquire(int shard, long sentAt, Supplier<LeaseRepository.Outcome> write, long epoch) {
        LeaseRepository.Outcome outcome = write.get();
        if (outcome == LeaseRepository.Outcome.APPLIED) {
            Tenure tenure = new Tenure(shard, tenureIds.incrementAndGet(), epoch, sentAt + leaseNanos, nanoClock);
            observed.set(shard, null);
            takeOvers.increment();
            if (!prepare(tenure)) {
                // Held but not served: the next round finds this instance in the lease
                // and adopts it, preparing it again.
                return;
            }
            tenures.set(shard, tenure);
            log.debug("Acquired shard {} at epoch {}", shard, epoch);
        }
        else {
            // Lost the race (or do not know): the next round reads the lease again.
            observed.set(shard, null);
        }
    }

    /**
     * @return whether every listener prepared the new tenure (otherwise it is not served)
     */
    private boolean prepare(Tenure tenure) {
        try {
            listeners.orderedStream().forEach(listener -> listener.acquiring(tenure));
            return true;
        }
        catch (RuntimeException ex) {
            log.warn("Shard {}: acquired, but not served yet, as preparing it failed: {}", tenure.shard(),
                    ex.toString());
            return false;
        }
    }

    private void ended(int shard) {
        listeners.orderedStream().forEach(listener -> listener.ended(shard));
    }

    private String address() {
        String current = address;
        if (current == null) {
            throw new IllegalStateException("No address to advertise yet");
        }
        return current;
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

}
