package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCacheSpec;
import com.acme.chat.messaging.config.MessagingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class SequenceAllocatorTest {

    private final MessageRepository messages = mock(MessageRepository.class);

    private final Cache<ConversationId, Long> hints = ChatCacheSpec.bounded("seq-hints", 2).newBuilder().build();

    private final SequenceAllocator allocator = new SequenceAllocator(messages, Clock.systemUTC(), properties(), hints,
            new SimpleMeterRegistry());

    SequenceAllocatorTest() {
        given(messages.readSeqHint(any())).willReturn(0L);
        given(messages.topSeq(any(), anyLong(), anyBoolean())).willReturn(OptionalLong.empty());
        given(messages.insertIfAbsent(any())).willReturn(MessageRepository.InsertOutcome.STORED);
    }

    @Test
    void remembersTheLastSeqSoTheNextSendReadsNothing() {
        SequenceAllocator.Allocation first = allocator.store(draft("d:alice:bob"));
        SequenceAllocator.Allocation second = allocator.store(draft("d:alice:bob"));

        assertThat(first.message().seq()).isEqualTo(1);
        assertThat(first.firstSeenHere()).isTrue();
        assertThat(second.message().seq()).isEqualTo(2);
        assertThat(second.firstSeenHere()).isFalse();
        then(messages).should(times(1)).readSeqHint(ConversationId.of("d:alice:bob"));
    }

    @Test
    void aFullHintCacheForgetsOneConversationNotAll() {
        for (String conversation : List.of("d:a:b", "d:a:c", "d:a:d")) {
            allocator.store(draft(conversation));
        }
        hints.cleanUp();

        assertThat(hints.estimatedSize()).isEqualTo(2);
    }

    @Test
    void forgettingHintsMakesTheNextSendReadTheStoredMax() {
        allocator.store(draft("d:alice:bob"));
        allocator.forgetHints();

        assertThat(allocator.store(draft("d:alice:bob")).firstSeenHere()).isTrue();
        then(messages).should(times(2)).readSeqHint(ConversationId.of("d:alice:bob"));
    }

    private static SequenceAllocator.Draft draft(String conversation) {
        return new Draft(ConversationId.of(conversation));
    }

    /** A message of "a" whose ids follow from its seq. */
    private record Draft(ConversationId conversationId) implements SequenceAllocator.Draft {

        @Override
        public StoredMessage at(long seq, Instant sentAt) {
            return new StoredMessage(MessageId.of("m-" + seq), conversationId, seq, UserId.of("a"),
                    DeviceId.of("phone"), ClientMessageId.of("c-" + seq), "hi", List.of(), sentAt);
        }

    }

    private static MessagingProperties properties() {
        return new MessagingProperties(4096, 50, 200, Duration.ofSeconds(10), 50, Duration.ofSeconds(10), 2, 200, 24,
                Duration.ofMinutes(10), 1000);
    }

}
