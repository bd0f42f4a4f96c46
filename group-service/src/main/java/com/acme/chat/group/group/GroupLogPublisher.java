package com.acme.chat.group.group;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.group.config.GroupProperties;
import com.acme.chat.kit.kafka.ChatEventPublisher;

/**
 * Brings a group's projections and {@code chat.groups.v1} up to its log (ADR 0025):
 * applies every unpublished entry to the projections, publishes them in version order and
 * marks them published. The writer of a change calls it right after the append, the next
 * change of the same group calls it before deciding, and a sweep calls it for every group
 * marked in the outbox longer than {@code chat.group.sweep-grace}, so an entry whose
 * writer crashed after the append is still applied and published.
 * <p>
 * <b>Guarantees.</b> Within one instance a group's entries are published by one thread at
 * a time (a striped lock), each once, in version order. Across instances an entry may be
 * published twice (two instances catching up on the same group), always with the same
 * event id and version; consumers drop versions they have applied.
 */
@Component
class GroupLogPublisher {

    private static final Logger log = LoggerFactory.getLogger(GroupLogPublisher.class);

    private static final int STRIPES = 64;

    private final GroupLogRepository groupLog;

    private final MembershipRepository projections;

    private final ChatEventPublisher events;

    private final GroupProperties properties;

    private final Clock clock;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    GroupLogPublisher(GroupLogRepository groupLog, MembershipRepository projections, ChatEventPublisher events,
            GroupProperties properties, Clock clock) {
        this.groupLog = groupLog;
        this.projections = projections;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Applies and publishes every unpublished entry of the group, oldest first.
     * @throws com.acme.chat.kit.web.ChatException {@code service_unavailable} when Kafka
     * did not acknowledge them; they stay unpublished for the next attempt
     */
    void publishPending(GroupId group) {
        ReentrantLock lock = locks[Math.floorMod(group.value().hashCode(), STRIPES)];
        lock.lock();
        try {
            List<GroupEvent> pending = groupLog.entries(group)
                .stream()
                .filter(entry -> !entry.published())
                .map(GroupLogRepository.Entry::event)
                .toList();
            if (pending.isEmpty()) {
                return;
            }
            pending.forEach(projections::apply);
            events.publishAndWait(pending);
            pending.forEach(event -> groupLog.markPublished(group, event.groupVersion()));
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * One pass over the outbox: every group marked before the grace period gets its
     * pending entries published, then loses its mark (unless a writer marked it again
     * meanwhile).
     * @return how many groups were visited
     */
    @Scheduled(fixedDelayString = "${chat.group.sweep-interval:5s}",
            initialDelayString = "${chat.group.sweep-interval:5s}")
    int sweep() {
        Instant cutoff = clock.instant().minus(properties.sweepGrace());
        int visited = 0;
        for (int shard = 0; shard < GroupLogRepository.OUTBOX_SHARDS; shard++) {
            try {
                for (GroupLogRepository.Mark mark : groupLog.marks(shard)) {
                    if (!mark.markedAt().isAfter(cutoff)) {
                        publishPending(mark.groupId());
                        groupLog.unmark(mark);
                        visited++;
                    }
                }
            }
            catch (RuntimeException ex) {
                // Cassandra or Kafka away: the marks stay, the next sweep tries again.
                log.warn("Group log sweep of outbox shard {} failed: {}", shard, ex.toString());
            }
        }
        return visited;
    }

}
