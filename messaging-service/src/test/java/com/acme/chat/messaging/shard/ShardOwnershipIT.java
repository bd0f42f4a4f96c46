package com.acme.chat.messaging.shard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import com.acme.chat.testsupport.ChatIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shard leases against the real Cassandra (ADR 0014): two instances on one lease group,
 * each with a monotonic clock the test moves, so expiry and take-over are exact.
 */
@ChatIntegrationTest
class ShardOwnershipIT {

    private static final int SHARDS = 4;

    private static final Duration LEASE = Duration.ofSeconds(10);

    private static final Duration MARGIN = Duration.ofSeconds(1);

    @Autowired
    CqlSession session;

    LeaseRepository leases;

    String group;

    AtomicLong clockA = new AtomicLong(1_000_000_000L);

    AtomicLong clockB = new AtomicLong(5_000_000_000L);

    ShardOwnership a;

    ShardOwnership b;

    @BeforeEach
    void setUp() {
        leases = new LeaseRepository(session);
        group = "own-" + UUID.randomUUID();
        a = instance("http://a.example", clockA);
        b = instance("http://b.example", clockB);
    }

    @Test
    void theFirstInstanceTakesTheFreeShardsAndTheOtherForwardsToIt() {
        a.round();
        b.round();
        assertThat(a.ownedCount()).isEqualTo(SHARDS);
        assertThat(b.ownedCount()).isZero();
        assertThat(b.ownerAddress(0)).hasValue("http://a.example");
        // b has not seen a's lease move yet: not known to be alive.
        assertThat(b.everyShardServed()).isFalse();
        a.round();
        b.round();
        assertThat(b.everyShardServed()).isTrue();
        assertThat(a.everyShardServed()).isTrue();
    }

    @Test
    void aLeaseThatKeepsMovingIsNeverTakenOver() {
        a.round();
        for (int i = 0; i < 5; i++) {
            b.round();
            clockB.addAndGet(LEASE.plus(MARGIN).toNanos());
            clockA.addAndGet(Duration.ofSeconds(3).toNanos());
            a.round();
        }
        b.round();
        assertThat(b.ownedCount()).isZero();
        assertThat(a.ownedCount()).isEqualTo(SHARDS);
    }

    @Test
    void aStalledOwnerIsTakenOverOnlyAfterLeaseAndMarginAndFencedBelowTheNewEpoch() {
        a.round();
        long oldTimestamp = a.tenure(0).orElseThrow().nextWriteTimestamp();
        b.round();
        clockB.addAndGet(LEASE.plus(MARGIN).minusMillis(1).toNanos());
        b.round();
        assertThat(b.ownedCount()).as("one millisecond too early").isZero();
        clockB.addAndGet(Duration.ofMillis(1).toNanos());
        b.round();
        assertThat(b.ownedCount()).isEqualTo(SHARDS);
        long newTimestamp = b.tenure(0).orElseThrow().nextWriteTimestamp();
        assertThat(newTimestamp).isGreaterThanOrEqualTo(oldTimestamp + Tenure.EPOCH_SPAN);

        // The stalled owner wakes up: by its own clock its lease ran out, and its renewal
        // is refused.
        Tenure stale = a.tenure(0).orElseThrow();
        clockA.addAndGet(LEASE.toNanos());
        assertThat(stale.valid()).isFalse();
        assertThatThrownBy(stale::nextWriteTimestamp).isInstanceOf(LostTenureException.class);
        a.round();
        assertThat(a.ownedCount()).isZero();
        assertThat(a.ownerAddress(0)).hasValue("http://b.example");
    }

    @Test
    void anOwnerThatKeepsRenewingStaysValidAndOneThatStopsExpiresByItsOwnClock() {
        a.round();
        Tenure tenure = a.tenure(1).orElseThrow();
        clockA.addAndGet(LEASE.minusMillis(1).toNanos());
        assertThat(tenure.valid()).isTrue();
        a.round();
        clockA.addAndGet(LEASE.minusMillis(1).toNanos());
        assertThat(tenure.valid()).as("renewed a lease ago").isTrue();
        clockA.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(tenure.valid()).isFalse();
    }

    @Test
    void releasedShardsAreTakenAtOnce() {
        a.round();
        b.round();
        a.releaseAll();
        assertThat(a.ownedCount()).isZero();
        b.round();
        assertThat(b.ownedCount()).isEqualTo(SHARDS);
    }

    @Test
    void twoInstancesRacingForTheSameShardsSplitThemWithoutOverlap() {
        List<ShardOwnership> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(instance("http://racer" + i + ".example", new AtomicLong(i * 1_000_000_000L)));
        }
        CompletableFuture
            .allOf(racers.stream().map(r -> CompletableFuture.runAsync(r::round)).toArray(CompletableFuture[]::new))
            .join();
        for (int shard = 0; shard < SHARDS; shard++) {
            int s = shard;
            long owners = racers.stream().filter(r -> r.tenure(s).isPresent()).count();
            assertThat(owners).as("owners of shard %d", shard).isLessThanOrEqualTo(1);
        }
        // The next round settles whatever the race left open.
        racers.forEach(ShardOwnership::round);
        assertThat(IntStream.range(0, SHARDS)
            .filter(shard -> racers.stream().filter(r -> r.tenure(shard).isPresent()).count() == 1)
            .count()).isEqualTo(SHARDS);
    }

    @Test
    void writeTimestampsOfATenureOnlyGrow() {
        a.round();
        Tenure tenure = a.tenure(2).orElseThrow();
        long first = tenure.nextWriteTimestamp();
        long second = tenure.nextWriteTimestamp();
        assertThat(second).isGreaterThan(first);
        assertThat(a.shardOf(com.acme.chat.common.id.ConversationId.of("d:alice:bob")))
            .isEqualTo(a.shardOf(com.acme.chat.common.id.ConversationId.of("d:alice:bob")))
            .isBetween(0, SHARDS - 1);
    }

    private ShardOwnership instance(String address, AtomicLong nanos) {
        OwnershipProperties properties = new OwnershipProperties(group, SHARDS, LEASE, Duration.ofSeconds(3), MARGIN,
                address, Duration.ofSeconds(5));
        return new ShardOwnership(leases, properties, Clock.systemUTC(), nanos::get, new SimpleMeterRegistry(),
                new StaticListableBeanFactory().getBeanProvider(ShardListener.class));
    }

}
