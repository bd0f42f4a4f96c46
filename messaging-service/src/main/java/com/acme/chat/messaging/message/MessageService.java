package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.user.UserDirectory;

/**
 * Send-Message: durable, idempotent and ordered.
 * <ol>
 * <li><b>Claim</b> (sender, clientMsgId) with {@code IF NOT EXISTS}. If it exists: other
 * content is {@code duplicate_mismatch}; a complete claim is answered with the original
 * ack ({@code duplicate}) after re-publishing its events; an unfinished one is finished
 * if its message was stored, taken over if it is older than {@code claim-takeover-after},
 * and otherwise answered {@code service_unavailable} (still in flight).</li>
 * <li><b>Seq</b>: the message row is inserted at the next free seq
 * ({@link SequenceAllocator}).</li>
 * <li><b>Durable</b>: timeline rows of every member, the conversation row and (first seq
 * of a bucket) the seq hint are written; then the claim is completed.</li>
 * <li><b>Publish, then ack</b>: {@code MessageSent} and one {@code DeliveryRequested} per
 * member, acknowledged by the broker before the client gets its ack. A failure is
 * {@code service_unavailable}; the message stays stored and the client's retry
 * re-publishes.</li>
 * </ol>
 * Every step is safe to repeat, which is what makes a client retry after any failure
 * correct.
 */
@Service
class MessageService {

    private static final Logger log = LoggerFactory.getLogger(MessageService.class);

    /** Rounds of claim evaluation when a take-over races with another attempt. */
    private static final int CLAIM_ROUNDS = 3;

    private final ClaimRepository claims;

    private final MessageRepository messages;

    private final TimelineRepository timeline;

    private final SequenceAllocator sequences;

    private final ChatEventPublisher publisher;

    private final UserDirectory users;

    private final Clock clock;

    private final Duration takeoverAfter;

    private final int duplicateScanDepth;

    private final Counter sent;

    private final Counter duplicates;

    private final MeterRegistry meters;

    MessageService(ClaimRepository claims, MessageRepository messages, TimelineRepository timeline,
            SequenceAllocator sequences, ChatEventPublisher publisher, UserDirectory users, Clock clock,
            MessagingProperties properties, MeterRegistry meters) {
        this.claims = claims;
        this.messages = messages;
        this.timeline = timeline;
        this.sequences = sequences;
        this.publisher = publisher;
        this.users = users;
        this.clock = clock;
        this.takeoverAfter = properties.claimTakeoverAfter();
        this.duplicateScanDepth = properties.duplicateScanDepth();
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

    Outcome send(UserId sender, SendCommand command) {
        Timer.Sample sample = Timer.start(meters);
        String result = "failed";
        try {
            Outcome outcome = sendTimed(sender, command);
            result = outcome.duplicate() ? "duplicate" : "created";
            (outcome.duplicate() ? duplicates : sent).increment();
            return outcome;
        }
        finally {
            sample.stop(Timer.builder("chat.messaging.send.latency")
                .description("Send-Message from request to ack")
                .tag("outcome", result)
                .register(meters));
        }
    }

    private Outcome sendTimed(UserId sender, SendCommand command) {
        if (command.group() != null) {
            // Groups arrive with group-service; a group conversation will be just another
            // conversation with members.
            throw new ChatException(ErrorCode.UNKNOWN_GROUP, "No group '" + command.group() + "'");
        }
        UserId recipient = command.to();
        if (recipient == null || !users.exists(recipient)) {
            throw new ChatException(ErrorCode.UNKNOWN_USER, "No user '" + recipient + "'");
        }
        ConversationId conversation = ConversationId.direct(sender, recipient);
        List<UserId> members = members(sender, recipient);
        String bodyHash = BodyHash.of(command.addressee(), command.text(), command.media());
        MessageId fresh = MessageId.of("m-" + UUID.randomUUID());
        for (int round = 0; round < CLAIM_ROUNDS; round++) {
            Instant now = clock.instant();
            ClaimRepository.ClaimResult claim = claims.claim(sender, command.clientMsgId(), fresh, bodyHash,
                    conversation, now);
            if (claim.applied()) {
                return store(draft(fresh, conversation, sender, command), members);
            }
            ClaimRepository.Claim existing = Objects.requireNonNull(claim.existing());
            if (!existing.bodyHash().equals(bodyHash)) {
                throw new ChatException(ErrorCode.DUPLICATE_MISMATCH,
                        "clientMsgId '" + command.clientMsgId() + "' was already used for a different message");
            }
            if (existing.complete()) {
                return answerDuplicate(existing, members);
            }
            Optional<StoredMessage> stored = findUnfinished(existing, conversation);
            if (stored.isPresent()) {
                log.debug("Finishing message {} of an interrupted attempt", existing.messageId());
                return finish(sender, stored.get(), members, true, true);
            }
            Instant claimedAt = existing.claimedAt();
            if (claimedAt != null && claimedAt.plus(takeoverAfter).isAfter(now)) {
                throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                        "An earlier attempt of this message is still in flight; retry the same request");
            }
            if (claims.takeOver(sender, command.clientMsgId(), claimedAt, now)) {
                log.debug("Took over the abandoned claim of message {}", existing.messageId());
                return store(draft(existing.messageId(), conversation, sender, command), members);
            }
        }
        throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Concurrent attempts of this message; retry");
    }

    private Outcome store(SequenceAllocator.Draft draft, List<UserId> members) {
        SequenceAllocator.Allocation allocation = sequences.store(draft);
        StoredMessage message = allocation.message();
        return finish(message.sender(), message, members, false, allocation.firstSeenHere());
    }

    /**
     * Makes a stored message complete: timeline, conversation, hint, claim, events. Every
     * step is idempotent.
     */
    private Outcome finish(UserId sender, StoredMessage message, List<UserId> members, boolean duplicate,
            boolean mayBeNewConversation) {
        List<CompletableFuture<?>> writes = new ArrayList<>(members.size() + 2);
        for (UserId member : members) {
            writes.add(timeline.insert(member, message).toCompletableFuture());
        }
        if (SeqPlanner.opensBucket(message.seq())) {
            // The hint only has to point into the newest bucket: within a bucket the top
            // row is read anyway.
            writes.add(messages.writeSeqHint(message.conversationId(), message.seq()).toCompletableFuture());
        }
        if (mayBeNewConversation || message.seq() == 1) {
            Set<String> memberIds = members.stream().map(UserId::value).collect(Collectors.toSet());
            writes.add(messages
                .saveConversation(message.conversationId(), memberIds, (message.seq() == 1) ? message.sentAt() : null)
                .toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        // The claim is completed only after the timeline is durable: a complete claim is
        // answered without rewriting.
        CompletableFuture<?> completion = claims.complete(sender, message).toCompletableFuture();
        CompletableFuture<Void> publication = publisher.publish(MessageEvents.of(message, members, clock.instant()),
                PublishPolicy.AWAIT);
        completion.join();
        publisher.await(publication);
        return new Outcome(message, duplicate);
    }

    private Outcome answerDuplicate(ClaimRepository.Claim claim, List<UserId> members) {
        ConversationId conversation = Objects.requireNonNull(claim.conversationId());
        long seq = Objects.requireNonNull(claim.seq());
        StoredMessage message = messages.find(conversation, seq)
            .orElseThrow(() -> new IllegalStateException("Claim of " + claim.messageId() + " points to a missing row"));
        // Re-publish: the earlier attempt may have failed to, and consumers drop what
        // they already have.
        publisher.publishAndWait(MessageEvents.of(message, members, clock.instant()));
        return new Outcome(message, true);
    }

    private Optional<StoredMessage> findUnfinished(ClaimRepository.Claim claim, ConversationId conversation) {
        long max = sequences.currentMax(conversation);
        OptionalLong seq = messages.findSeqAmongNewest(conversation, claim.messageId(), max, duplicateScanDepth);
        return seq.isPresent() ? messages.find(conversation, seq.getAsLong()) : Optional.empty();
    }

    private static SequenceAllocator.Draft draft(MessageId id, ConversationId conversation, UserId sender,
            SendCommand command) {
        return new SequenceAllocator.Draft() {
            @Override
            public ConversationId conversationId() {
                return conversation;
            }

            @Override
            public StoredMessage at(long seq, Instant sentAt) {
                return new StoredMessage(id, conversation, seq, sender, command.device(), command.clientMsgId(),
                        command.text(), command.media(), sentAt);
            }
        };
    }

    /**
     * The members of a direct conversation: both users, once each (a note to self has one
     * member).
     */
    static List<UserId> members(UserId sender, UserId recipient) {
        return List.copyOf(new LinkedHashSet<>(List.of(sender, recipient)));
    }

}
