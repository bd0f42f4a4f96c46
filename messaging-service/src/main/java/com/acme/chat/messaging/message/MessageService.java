package com.acme.chat.messaging.message;

import com.acme.chat.kit.ratelimit.RateLimiter;
import com.acme.chat.kit.ratelimit.RateLimitProperties;
import org.springframework.beans.factory.ObjectProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingCaches;
import com.acme.chat.messaging.shard.LostTenureException;
import com.acme.chat.messaging.shard.NotOwnerException;
import com.acme.chat.messaging.shard.ShardOwnership;
import com.acme.chat.messaging.shard.Tenure;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * Send-Message on the conversation's single writer (ADR 0014): durable, idempotent and
 * ordered without a lightweight transaction.
 * <ol>
 * <li>Only the owner of the conversation's shard writes; elsewhere
 * {@link NotOwnerException} (the controller forwards to the owner).</li>
 * <li>The {@code messageId} is derived from (sender, clientMsgId), so every attempt of a
 * message has the same id.</li>
 * <li>In the conversation's writer slot: a retry is recognised from memory or from the
 * idempotency row (verified against the message row it names) and answered with the
 * original ack; otherwise the message gets {@code max + 1}, and the idempotency row, then
 * the message and timeline rows are written, fenced by the tenure's timestamps.</li>
 * <li>The tenure must still hold after the writes; the events are handed to Kafka in the
 * slot (one conversation's records keep their order) and acknowledged by the broker
 * before the client gets its ack. A failure is {@code service_unavailable}; the retry
 * finds what was stored.</li>
 * </ol>
 */
@Service
class MessageService {

    private final IdempotencyRepository idempotency;

    private final MessageRepository messages;

    private final TimelineRepository timeline;

    private final SeqCounters counters;

    private final ShardOwnership ownership;

    private final ChatEventPublisher publisher;

    private final Publications publications;

    private final OutboxRepository outbox;

    private final UserDirectory users;

    private final GroupStreams groups;

    private final GroupMinuteIndex minutes;

    private final Cache<String, RecentSend> recent;

    private final Counter sent;

    private final Counter duplicates;

    private final MeterRegistry meters;

    private final @Nullable RateLimiter limits;

    /** A send this instance stored, and whether its events reached Kafka. */
    record RecentSend(StoredMessage message, String bodyHash, boolean published) {
    }

    @Autowired
    MessageService(IdempotencyRepository idempotency, MessageRepository messages, TimelineRepository timeline,
            SeqCounters counters, ShardOwnership ownership, ChatEventPublisher publisher, Publications publications,
            OutboxRepository outbox, UserDirectory users, GroupStreams groups, GroupMinuteIndex minutes,
            ChatCaches caches, MeterRegistry meters, ObjectProvider<RateLimiter> limits) {
        this.groups = groups;
        this.minutes = minutes;
        this.idempotency = idempotency;
        this.limits = limits.getIfAvailable();
        this.messages = messages;
        this.timeline = timeline;
        this.counters = counters;
        this.ownership = ownership;
        this.publisher = publisher;
        this.publications = publications;
        this.outbox = outbox;
        this.users = users;
        this.recent = caches.get(MessagingCaches.RECENT_SENDS);
        this.meters = meters;
        this.sent = Counter.builder("chat.messaging.messages.sent")
            .description("New messages stored and acknowledged")
            .tag("kind", "direct")
            .register(meters);
        this.duplicates = Counter.builder("chat.messaging.messages.duplicates")
            .description("Sends answered with the original ack of an earlier attempt")
            .register(meters);
    }

    /**
     * The result of a send.
     *
     * @param message the stored message
     * @param duplicate whether an earlier attempt had stored it
     */
    record Outcome(StoredMessage message, boolean duplicate) {
    }

    /**
     * @param sender the token's subject
     * @param clientAddress where the send comes from (the client's address behind the
     * trusted proxies), for {@code send-ip}
     * @param command the validated send
     */
    Outcome send(UserId sender, String clientAddress, SendCommand command) {
        Timer.Sample sample = Timer.start(meters);
        String result = "failed";
        try {
            Outcome outcome = sendTimed(sender, clientAddress, command);
            result = outcome.duplicate() ? "duplicate" : "created";
            (outcome.duplicate() ? duplicates : sent).increment();
            return outcome;
        }
        catch (NotOwnerException ex) {
            result = "not_owner";
            throw ex;
        }
        finally {
            sample.stop(Timer.builder("chat.messaging.send.latency")
                .description("Send-Message from request to ack")
                .tag("outcome", result)
                .register(meters));
        }
    }

    /**
     * The message id of (sender, clientMsgId): the same for every attempt, on every
     * instance.
     */
    static MessageId messageIdOf(UserId sender, ClientMessageId clientMsgId) {
        byte[] name = ("message\n" + sender.value() + "\n" + clientMsgId.value()).getBytes(StandardCharsets.UTF_8);
        return MessageId.of("m-" + UUID.nameUUIDFromBytes(name));
    }

    private Outcome sendTimed(UserId sender, String clientAddress, SendCommand command) {
        GroupId group = command.group();
        ConversationId conversation;
        if (group != null) {
            conversation = ConversationId.group(group);
        }
        else {
            UserId recipient = command.to();
            if (recipient == null || !users.exists(recipient)) {
                if (limits != null) {
                    // "No such user" is what contact discovery answers: it costs the same
                    // budget, and fails closed like discovery (ADR 0020).
                    limits.checkStrictly(RateLimitProperties.DISCOVER, sender.value(), 1);
                }
                throw new ChatException(ErrorCode.UNKNOWN_USER, "No user '" + recipient + "'");
            }
            conversation = ConversationId.direct(sender, recipient);
        }
        int shard = ownership.shardOf(conversation);
        Tenure tenure = ownership.tenure(shard)
            .orElseThrow(() -> new NotOwnerException(shard, ownership.ownerAddress(shard)));
        if (limits != null) {
            // Here, on the owner, so a forwarded send counts once; before anything is
            // written (refused = not applied). The address first: it is checked in this
            // instance, so a refusal there costs no Redis round trip.
            limits.check(RateLimitProperties.SEND_IP, clientAddress);
            limits.check(RateLimitProperties.SEND, sender.value());
        }
        String bodyHash = BodyHash.of(command.addressee(), command.text(), command.media());
        String recentKey = sender.value() + "\n" + command.clientMsgId().value();
        List<CompletableFuture<Void>> changes = new ArrayList<>();
        CompletableFuture<Void> publication;
        StoredMessage message;
        boolean duplicate;
        ReentrantLock slot = counters.enter(conversation);
        try {
            RecentSend known = recent.getIfPresent(recentKey);
            List<UserId> members;
            if (known != null) {
                checkSameBody(known.bodyHash(), bodyHash, command);
                if (known.published()) {
                    // Stored and pushed already: the ack only, no second push (protocol
                    // §4).
                    return new Outcome(known.message(), true);
                }
                message = known.message();
                duplicate = true;
                members = members(sender, command, tenure, changes, false);
            }
            else {
                StoredMessage stored = findStored(sender, command, bodyHash, conversation, tenure);
                duplicate = stored != null;
                // A retry of a stored message gets its ack even if the sender has left
                // the
                // group since: it was sent while he was a member.
                members = members(sender, command, tenure, changes, !duplicate);
                if (duplicate && conversation.isDirect()) {
                    rewriteTimeline(stored, members, tenure);
                }
                message = duplicate ? stored : store(tenure, conversation, sender, command, bodyHash, members);
            }
            recent.put(recentKey, new RecentSend(message, bodyHash, false));
            // Handed to the producer in the slot, after the conversation's earlier events
            // that failed: one conversation's records keep order (ADR 0016).
            publication = publications.publish(shard, message, members);
        }
        finally {
            slot.unlock();
        }
        changes.forEach(publisher::await);
        publisher.await(publication);
        recent.put(recentKey, new RecentSend(message, bodyHash, true));
        return new Outcome(message, duplicate);
    }

    /**
     * The members a message goes to (call in the conversation's slot): both users of a
     * direct conversation; the current members of a group, as its writer knows them.
     * @param changes collects the publications of group changes appended on the way
     * @param mustBeMember whether a sender outside the group is refused
     * @throws ChatException {@code not_a_member} for a group the sender is not in (or
     * that does not exist: the same answer, so a send tells nothing about other groups)
     */
    private List<UserId> members(UserId sender, SendCommand command, Tenure tenure,
            List<CompletableFuture<Void>> changes, boolean mustBeMember) {
        GroupId group = command.group();
        if (group == null) {
            return members(sender, Objects.requireNonNull(command.to()));
        }
        GroupStreams.Roster roster = groups.roster(group, tenure, changes);
        if (mustBeMember && !roster.isMember(sender)) {
            throw new ChatException(ErrorCode.NOT_A_MEMBER, "You are not a member of group '" + group + "'");
        }
        return roster.current();
    }

    /**
     * @return the message an earlier attempt stored, or null if there is none (a record
     * left by a lost tenure without its message counts as none)
     */
    private @Nullable StoredMessage findStored(UserId sender, SendCommand command, String bodyHash,
            ConversationId conversation, Tenure tenure) {
        IdempotencyRepository.SendRecord record = idempotency.find(sender, command.clientMsgId()).orElse(null);
        if (record == null) {
            return null;
        }
        checkSameBody(record.bodyHash(), bodyHash, command);
        if (record.seq() == null || !conversation.equals(record.conversationId())) {
            return null;
        }
        StoredMessage stored = messages.find(conversation, record.seq()).orElse(null);
        if (stored == null || !stored.messageId().equals(record.messageId())) {
            return null;
        }
        // Acked or not, it is stored: no later message may take its seq.
        if (counters.max(conversation, tenure).seq() < stored.seq()) {
            counters.advance(conversation, tenure, stored.seq());
        }
        if (!tenure.valid()) {
            // A row of a lost tenure that a new owner may not have seen: not confirmed
            // here.
            throw new LostTenureException(tenure.shard());
        }
        return stored;
    }

    private StoredMessage store(Tenure tenure, ConversationId conversation, UserId sender, SendCommand command,
            String bodyHash, List<UserId> members) {
        SeqCounters.Max max = counters.max(conversation, tenure);
        long seq = max.seq() + 1;
        if (seq == 1 && limits != null) {
            // Opening a conversation tells the sender the recipient exists, as a
            // discovery lookup would: one token of the same budget, before anything is
            // written (ADR 0020). Open when Redis is away, like the send limit.
            limits.check(RateLimitProperties.DISCOVER, sender.value(), 1);
        }
        int shard = tenure.shard();
        // Registered before anything is written: the shard's published mark stays at or
        // before this message until its event is acked (ADR 0016).
        StoredMessage message = new StoredMessage(messageIdOf(sender, command.clientMsgId()), conversation, seq, sender,
                command.device(), command.clientMsgId(), command.text(), command.media(),
                publications.begin(shard, conversation, seq));
        try {
            return store(tenure, message, bodyHash, members, max);
        }
        catch (RuntimeException ex) {
            // Not acknowledged: the retry finds whatever landed (idempotency row first).
            publications.abandon(shard, conversation, seq);
            throw ex;
        }
    }

    private StoredMessage store(Tenure tenure, StoredMessage message, String bodyHash, List<UserId> members,
            SeqCounters.Max max) {
        ConversationId conversation = message.conversationId();
        long seq = message.seq();
        // The idempotency row first: a message row never exists without it, so a retry
        // always finds what an earlier attempt stored. A group message's minute is
        // indexed alongside, also before the message (ADR 0028: every stored group
        // message's minute has its row).
        CompletableFuture<?> claimed = idempotency.write(message, bodyHash, tenure.nextWriteTimestamp())
            .toCompletableFuture();
        CompletableFuture<?> indexed = conversation.isGroup() ? minutes.mark(message, tenure)
                : CompletableFuture.completedFuture(null);
        CompletableFuture.allOf(claimed, indexed).join();
        List<CompletableFuture<?>> writes = new ArrayList<>(members.size() + 3);
        writes.add(messages.insert(message, tenure.nextWriteTimestamp()).toCompletableFuture());
        writes.add(outbox.insert(ownership.group(), tenure.shard(), message, members, tenure.nextWriteTimestamp())
            .toCompletableFuture());
        // A group's messages are read from its stream, not copied to every member's
        // timeline (ADR 0026): one write per message whatever the group's size.
        if (conversation.isDirect()) {
            for (UserId member : members) {
                writes.add(timeline.insert(member, message, tenure.nextWriteTimestamp()).toCompletableFuture());
            }
        }
        if (conversation.isDirect() && (max.cold() || seq == 1)) {
            Set<String> memberIds = members.stream().map(UserId::value).collect(Collectors.toSet());
            writes.add(messages.saveConversation(conversation, memberIds, (seq == 1) ? message.sentAt() : null)
                .toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        if (SeqPlanner.opensBucket(seq)) {
            // After the message: the hint must always name a stored seq.
            messages.writeSeqHint(conversation, seq, tenure.nextWriteTimestamp()).toCompletableFuture().join();
        }
        counters.advance(conversation, tenure, seq);
        if (!tenure.valid()) {
            // Stored, but the shard may have a new owner already: not acknowledged. The
            // retry reaches the new owner, which finds it or overwrites it.
            throw new LostTenureException(tenure.shard());
        }
        return message;
    }

    /**
     * The earlier attempt may have stopped before its timeline rows: writing them again
     * lands on the same rows (rare: only retries the owner has no memory of).
     */
    private void rewriteTimeline(StoredMessage message, List<UserId> members, Tenure tenure) {
        CompletableFuture
            .allOf(members.stream()
                .map(member -> timeline.insert(member, message, tenure.nextWriteTimestamp()).toCompletableFuture())
                .toArray(CompletableFuture[]::new))
            .join();
    }

    private static void checkSameBody(String storedHash, String bodyHash, SendCommand command) {
        if (!storedHash.equals(bodyHash)) {
            throw new ChatException(ErrorCode.DUPLICATE_MISMATCH,
                    "clientMsgId '" + command.clientMsgId() + "' was already used for a different message");
        }
    }

    /**
     * The members of a direct conversation: both users, once each (a note to self has one
     * member).
     */
    static List<UserId> members(UserId sender, UserId recipient) {
        return List.copyOf(new LinkedHashSet<>(List.of(sender, recipient)));
    }

}
