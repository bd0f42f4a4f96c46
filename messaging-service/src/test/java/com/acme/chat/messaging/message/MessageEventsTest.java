package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

import static org.assertj.core.api.Assertions.assertThat;

class MessageEventsTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static final StoredMessage MESSAGE = new StoredMessage(MessageId.of("m-1"),
            ConversationId.direct(ALICE, BOB), 7, ALICE, DeviceId.of("phone-1"), ClientMessageId.of("c-1"), "hi",
            List.of(), Instant.parse("2026-11-27T21:07:41.123Z"));

    @Test
    void oneMessageSentWithEveryMemberIncludingTheSender() {
        List<ChatEvent> events = MessageEvents.of(MESSAGE, MessageService.members(ALICE, BOB), Instant.now());
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOfSatisfying(MessageSent.class, sent -> {
            assertThat(sent.topic()).isEqualTo(Topics.MESSAGES);
            assertThat(sent.partitionKey()).isEqualTo("d:alice:bob");
            assertThat(sent.recipients()).containsExactly(ALICE, BOB);
            assertThat(sent.seq()).isEqualTo(7);
        });
    }

    @Test
    void republishingCarriesTheSameEventIds() {
        List<ChatEvent> first = MessageEvents.of(MESSAGE, List.of(ALICE, BOB), Instant.now());
        List<ChatEvent> again = MessageEvents.of(MESSAGE, List.of(ALICE, BOB), Instant.now().plusSeconds(5));
        assertThat(again).extracting(ChatEvent::eventId)
            .containsExactlyElementsOf(first.stream().map(ChatEvent::eventId).toList());
    }

    @Test
    void aNoteToSelfIsDeliveredOnceToItsOnlyMember() {
        assertThat(MessageService.members(ALICE, ALICE)).containsExactly(ALICE);
    }

}
