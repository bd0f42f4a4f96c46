package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationsShardLogTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static final ConversationId CONVERSATION = ConversationId.direct(ALICE, BOB);

    private final Publications.ShardLog log = new Publications.ShardLog();

    @Test
    void theMarkStaysAtTheOldestMessageWhoseEventIsNotAcked() {
        Instant t1 = Instant.parse("2026-12-07T10:00:00Z");
        Instant sent1 = log.begin(CONVERSATION, 1, Clock.fixed(t1, ZoneOffset.UTC));
        log.begin(CONVERSATION, 2, Clock.fixed(t1.plusSeconds(5), ZoneOffset.UTC));

        Clock later = Clock.fixed(t1.plusSeconds(60), ZoneOffset.UTC);
        assertThat(log.publishedBefore(later)).isEqualTo(sent1);

        log.remove(CONVERSATION, 1);
        assertThat(log.publishedBefore(later)).isEqualTo(t1.plusSeconds(5));

        log.remove(CONVERSATION, 2);
        assertThat(log.publishedBefore(later)).isEqualTo(t1.plusSeconds(60));
        assertThat(log.size()).isZero();
    }

    @Test
    void aConversationsFailedEventsAreHandedBeforeItsNextOne() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        StoredMessage first = message(1, log.begin(CONVERSATION, 1, clock));
        List<?> handed = log.due(first, List.of(ALICE, BOB));
        assertThat(handed).hasSize(1);
        // Its publication failed.
        log.failed(firstPending(first));

        StoredMessage second = message(2, log.begin(CONVERSATION, 2, clock));
        assertThat(log.due(second, List.of(ALICE, BOB))).extracting(Publications.Pending::message)
            .containsExactly(first, second);
        // Handed again: not due a third time unless it fails again.
        assertThat(log.failedConversations()).isEmpty();
    }

    @Test
    void aFailedEventIsDueForTheNextRoundOnlyOnce() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        StoredMessage first = message(1, log.begin(CONVERSATION, 1, clock));
        log.due(first, List.of(ALICE, BOB));
        log.failed(firstPending(first));

        assertThat(log.failedConversations()).containsExactly(CONVERSATION);
        assertThat(log.failedOf(CONVERSATION)).extracting(Publications.Pending::message).containsExactly(first);
        assertThat(log.failedOf(CONVERSATION)).isEmpty();
    }

    @Test
    void recoveredMessagesArePublishedBeforeTheConversationsNewOnes() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        StoredMessage old = message(7, Instant.parse("2026-12-07T09:59:58Z"));
        log.recovered(old, List.of(ALICE, BOB));
        assertThat(log.publishedBefore(clock)).isEqualTo(old.sentAt());

        StoredMessage next = message(8, log.begin(CONVERSATION, 8, clock));
        assertThat(log.due(next, List.of(ALICE, BOB))).extracting(Publications.Pending::message)
            .containsExactly(old, next);
    }

    @Test
    void anAbandonedMessageHoldsTheMarkNoMore() {
        Instant t1 = Instant.parse("2026-12-07T10:00:00Z");
        log.begin(CONVERSATION, 1, Clock.fixed(t1, ZoneOffset.UTC));
        log.remove(CONVERSATION, 1);
        assertThat(log.publishedBefore(Clock.fixed(t1.plusSeconds(1), ZoneOffset.UTC))).isEqualTo(t1.plusSeconds(1));
    }

    private Publications.Pending firstPending(StoredMessage message) {
        Publications.Pending pending = log.pendingOf(message.conversationId(), message.seq());
        assertThat(pending).isNotNull();
        return pending;
    }

    private static StoredMessage message(long seq, Instant sentAt) {
        return new StoredMessage(MessageId.of("m-" + seq), CONVERSATION, seq, ALICE, DeviceId.of("phone"),
                ClientMessageId.of("c-" + seq), "text " + seq, List.of(), sentAt);
    }

}
