package com.acme.chat.messaging.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.SystemEvent;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.messaging.config.MessagingCaches;
import com.acme.chat.messaging.message.GroupStreamRepository.Change;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;
import com.acme.chat.messaging.message.GroupStreamRepository.StreamState;
import com.acme.chat.messaging.shard.LostTenureException;
import com.acme.chat.messaging.shard.NotOwnerException;
import com.acme.chat.messaging.shard.ShardOwnership;
import com.acme.chat.messaging.shard.Tenure;

/**
 * A group's stream on its writer (docs/adr/0026): the conversation {@code g:<groupId>}
 * has one writer like any conversation (ADR 0014), and that writer appends every
 * membership change as a <em>system message</em> in the same seq stream as the members'
 * messages, in the writer slot. So "who was a member at seq n" is exact: a send checks
 * the sender against the members in memory, a removed member gets nothing after his
 * removal's seq, a new member reads from his join's seq.
 * <p>
 * <b>Where changes come from.</b> Any instance consumes {@code chat.groups.v1} and
 * {@link #record records} the change in {@code group_events}; then the writer
 * {@link #catchUp catches up}: it appends, in version order, every recorded change after
 * the stream's applied version, stopping at a gap (a later version recorded before an
 * earlier one; the earlier one's consumer catches up again).
 * <p>
 * <b>Crash safety without a lightweight transaction.</b> Before a system message is
 * written, {@code group_streams} names it as pending (version and seq); after it and the
 * member views are written, as applied. A writer that loads the group cold adopts a
 * pending change whose message is stored, and otherwise forgets it (its seq is free
 * again, the change is appended anew).
 */
@Component
public class GroupStreams {

    private static final Logger log = LoggerFactory.getLogger(GroupStreams.class);

    /** Member view writes in flight at once (two per member). */
    private static final int VIEW_WAVE = 256;

    /** Changes appended per catch-up round. */
    private static final int CATCH_UP_BATCH = 100;

    private final GroupStreamRepository repository;

    private final MessageRepository messages;

    private final OutboxRepository outbox;

    private final SeqCounters counters;

    private final ShardOwnership ownership;

    private final Publications publications;

    private final ChatEventPublisher publisher;

    private final Cache<GroupId, Roster> rosters;

    private final GroupMinuteIndex minutes;

    GroupStreams(GroupStreamRepository repository, MessageRepository messages, OutboxRepository outbox,
            SeqCounters counters, ShardOwnership ownership, Publications publications, ChatEventPublisher publisher,
            ChatCaches caches, GroupMinuteIndex minutes) {
        this.repository = repository;
        this.minutes = minutes;
        this.messages = messages;
        this.outbox = outbox;
        this.counters = counters;
        this.ownership = ownership;
        this.publications = publications;
        this.publisher = publisher;
        this.rosters = caches.get(MessagingCaches.GROUP_ROSTERS);
    }

    /**
     * The members of a group as its writer knows them, learnt in one tenure. Mutated only
     * in the group's writer slot.
     */
    static final class Roster {

        private final long tenureId;

        private StreamState state;

        private final Map<UserId, Membership> members;

        Roster(long tenureId, StreamState state, Map<UserId, Membership> members) {
            this.tenureId = tenureId;
            this.state = state;
            this.members = new LinkedHashMap<>(members);
        }

        /**
         * @return whether the group exists for the stream (its creation is applied)
         */
        boolean exists() {
            return state.appliedVersion() > 0;
        }

        boolean isMember(UserId user) {
            Membership membership = members.get(user);
            return membership != null && membership.current();
        }

        /**
         * @return the current members, in the order they were first seen
         */
        List<UserId> current() {
            List<UserId> current = new ArrayList<>(members.size());
            members.forEach((user, membership) -> {
                if (membership.current()) {
                    current.add(user);
                }
            });
            return current;
        }

    }

    /**
     * Records a change consumed from {@code chat.groups.v1}; idempotent.
     */
    public void record(GroupEvent event) {
        repository.record(event);
    }

    /**
     * Appends every recorded change of the group that its stream has not applied yet, and
     * waits until their events are acknowledged by Kafka.
     * @return how many changes were appended
     * @throws NotOwnerException when another instance writes the group's stream
     */
    public int catchUp(GroupId group) {
        ConversationId conversation = ConversationId.group(group);
        int shard = ownership.shardOf(conversation);
        Tenure tenure = ownership.tenure(shard)
            .orElseThrow(() -> new NotOwnerException(shard, ownership.ownerAddress(shard)));
        List<CompletableFuture<Void>> published = new ArrayList<>();
        ReentrantLock slot = counters.enter(conversation);
        try {
            Roster known = known(group, tenure);
            if (known != null) {
                apply(group, known, tenure, published);
            }
            else {
                // Loading applies what is recorded.
                roster(group, tenure, published);
            }
        }
        finally {
            slot.unlock();
        }
        published.forEach(publisher::await);
        return published.size();
    }

    /**
     * The group's roster for a send (call in the group's writer slot): loaded cold if
     * this tenure has none, with the pending changes appended.
     * @param published collects the publications of the system messages appended now,
     * which the caller awaits after the slot
     */
    Roster roster(GroupId group, Tenure tenure, List<CompletableFuture<Void>> published) {
        Roster roster = known(group, tenure);
        if (roster != null) {
            return roster;
        }
        roster = load(group, tenure);
        rosters.put(group, roster);
        apply(group, roster, tenure, published);
        return roster;
    }

    private Roster load(GroupId group, Tenure tenure) {
        StreamState state = repository.state(group);
        Roster roster = new Roster(tenure.id(), state, repository.members(group));
        if (state.pendingVersion() > state.appliedVersion()) {
            // A writer stopped between naming a change pending and marking it applied:
            // adopt it if its system message is stored, else its seq is free again.
            ConversationId conversation = ConversationId.group(group);
            StoredMessage stored = messages.find(conversation, state.pendingSeq()).orElse(null);
            if (stored != null && stored.system() != null && stored.system().groupVersion() == state.pendingVersion()) {
                Change change = new Change(group, stored.sender(), stored.system(), stored.sentAt());
                finish(group, roster, change, stored.seq(), tenure);
            }
        }
        return roster;
    }

    /**
     * Appends the recorded changes after the roster's applied version, in order, up to
     * the first gap.
     */
    private int apply(GroupId group, Roster roster, Tenure tenure, List<CompletableFuture<Void>> published) {
        int applied = 0;
        while (true) {
            List<Change> changes = repository.changesAfter(group, roster.state.appliedVersion(), CATCH_UP_BATCH);
            for (Change change : changes) {
                if (change.change().groupVersion() != roster.state.appliedVersion() + 1) {
                    log.debug("Group {} waits for version {} (has {})", group, roster.state.appliedVersion() + 1,
                            change.change().groupVersion());
                    return applied;
                }
                published.add(append(group, roster, change, tenure));
                applied++;
            }
            if (changes.size() < CATCH_UP_BATCH) {
                return applied;
            }
        }
    }

    /**
     * Appends one change as a system message at the stream's next seq and applies it to
     * the roster (in the slot).
     * @return the publication of its event
     */
    private CompletableFuture<Void> append(GroupId group, Roster roster, Change change, Tenure tenure) {
        ConversationId conversation = ConversationId.group(group);
        SystemEvent system = change.change();
        long seq = counters.max(conversation, tenure).seq() + 1;
        int shard = tenure.shard();
        List<UserId> recipients = recipients(roster, system);
        repository.writeState(group, roster.state.withPending(system.groupVersion(), seq), tenure.nextWriteTimestamp())
            .toCompletableFuture()
            .join();
        StoredMessage message = new StoredMessage(systemMessageId(group, system.groupVersion()), conversation, seq,
                change.actor(), DeviceId.SYSTEM, ClientMessageId.of("group-change-" + system.groupVersion()), "",
                List.of(), publications.begin(shard, conversation, seq), system);
        try {
            // Before the message, as for sends (ADR 0028).
            minutes.mark(message, tenure).join();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            writes.add(messages.insert(message, tenure.nextWriteTimestamp()).toCompletableFuture());
            writes.add(outbox.insert(ownership.group(), shard, message, recipients, tenure.nextWriteTimestamp())
                .toCompletableFuture());
            if (seq == 1) {
                writes.add(messages.saveConversation(conversation, Set.of(), message.sentAt()).toCompletableFuture());
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            if (SeqPlanner.opensBucket(seq)) {
                messages.writeSeqHint(conversation, seq, tenure.nextWriteTimestamp()).toCompletableFuture().join();
            }
            counters.advance(conversation, tenure, seq);
            finish(group, roster, new Change(group, change.actor(), system, change.occurredAt()), seq, tenure);
        }
        catch (RuntimeException ex) {
            publications.abandon(shard, conversation, seq);
            // The roster may be half applied: the next use loads it again.
            rosters.invalidate(group);
            throw ex;
        }
        if (!tenure.valid()) {
            rosters.invalidate(group);
            throw new LostTenureException(shard);
        }
        return publications.publish(shard, message, recipients);
    }

    /**
     * Applies a stored system message to the roster and writes the member views and the
     * stream state.
     */
    private void finish(GroupId group, Roster roster, Change change, long seq, Tenure tenure) {
        SystemEvent system = change.change();
        List<CompletionStage<?>> writes = new ArrayList<>();
        for (Map.Entry<UserId, Membership> entry : changed(roster, change, seq).entrySet()) {
            roster.members.put(entry.getKey(), entry.getValue());
            writes.addAll(
                    repository.writeMembership(group, entry.getKey(), entry.getValue(), tenure.nextWriteTimestamp()));
            if (writes.size() >= VIEW_WAVE) {
                // A creation with 1,024 members is 2,048 view writes, more than the
                // driver
                // lets wait on one connection: in waves.
                join(writes);
            }
        }
        // The views before the applied mark: a writer that finds the change applied finds
        // its views written.
        join(writes);
        roster.state = new StreamState(system.groupVersion(), seq);
        repository.writeState(group, roster.state, tenure.nextWriteTimestamp()).toCompletableFuture().join();
    }

    private static void join(List<CompletionStage<?>> writes) {
        CompletableFuture
            .allOf(writes.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
            .join();
        writes.clear();
    }

    /**
     * @return the memberships a change makes, by user
     */
    static Map<UserId, Membership> changed(Roster roster, Change change, long seq) {
        SystemEvent system = change.change();
        Map<UserId, Membership> changed = new LinkedHashMap<>();
        switch (system.event()) {
            case SystemEvent.GROUP_CREATED -> {
                for (UserId member : system.members()) {
                    String role = member.equals(change.actor()) ? GroupStreamRepository.ROLE_ADMIN
                            : GroupStreamRepository.ROLE_MEMBER;
                    changed.put(member, new Membership(seq, null, role));
                }
            }
            case SystemEvent.MEMBER_ADDED -> {
                if (!roster.isMember(system.user())) {
                    changed.put(system.user(), new Membership(seq, null, GroupStreamRepository.ROLE_MEMBER));
                }
            }
            case SystemEvent.MEMBER_REMOVED -> {
                Membership old = roster.members.get(system.user());
                if (old != null && old.current()) {
                    changed.put(system.user(), new Membership(old.joinedSeq(), seq, old.role()));
                }
            }
            case SystemEvent.ROLE_CHANGED -> {
                Membership old = roster.members.get(system.user());
                if (old != null && old.current() && system.role() != null) {
                    changed.put(system.user(), new Membership(old.joinedSeq(), null, system.role()));
                }
            }
            default -> {
                // A rename changes no membership.
            }
        }
        return changed;
    }

    /**
     * Who gets a change's system message: the members after it, and a removed member his
     * own removal (the last message he gets).
     */
    static List<UserId> recipients(Roster roster, SystemEvent system) {
        Set<UserId> recipients = new LinkedHashSet<>(roster.current());
        if (SystemEvent.GROUP_CREATED.equals(system.event())) {
            recipients.addAll(system.members());
        }
        else if (SystemEvent.MEMBER_ADDED.equals(system.event()) && system.user() != null) {
            recipients.add(system.user());
        }
        return List.copyOf(recipients);
    }

    /**
     * The id of a change's system message: the same for every attempt, on every instance.
     */
    static MessageId systemMessageId(GroupId group, long version) {
        byte[] name = ("group-change\n" + group.value() + "\n" + version).getBytes(StandardCharsets.UTF_8);
        return MessageId.of("m-" + UUID.nameUUIDFromBytes(name));
    }

    /**
     * @return the group's roster if it was learnt in this tenure, else null
     */
    private @Nullable Roster known(GroupId group, Tenure tenure) {
        Roster roster = rosters.getIfPresent(group);
        return (roster != null && roster.tenureId == tenure.id()) ? roster : null;
    }

}
