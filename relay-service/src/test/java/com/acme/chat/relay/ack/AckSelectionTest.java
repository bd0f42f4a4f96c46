package com.acme.chat.relay.ack;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.MessageId;
import com.acme.chat.relay.queue.QueuedRef;

import static org.assertj.core.api.Assertions.assertThat;

class AckSelectionTest {

    private static final Instant SENT = Instant.parse("2026-11-27T21:07:41.123Z");

    private static QueuedRef row(String id, long seq) {
        return new QueuedRef(MessageId.of(id), seq, SENT);
    }

    private static List<MessageId> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(MessageId::of).toList();
    }

    @Test
    void mapsAckedIdsToTheirQueuedSeqs() {
        AckSelection selection = AckSelection.of(List.of(row("m-1", 1), row("m-2", 2), row("m-3", 3)),
                ids("m-3", "m-1"));

        assertThat(selection.rows()).containsExactly(row("m-1", 1), row("m-3", 3));
        assertThat(selection.highestSeq()).hasValue(3);
    }

    @Test
    void ignoresIdsThatAreNotQueued() {
        AckSelection selection = AckSelection.of(List.of(row("m-1", 1)), ids("m-1", "m-9", "m-1"));

        assertThat(selection.rows()).containsExactly(row("m-1", 1));
        assertThat(selection.highestSeq()).hasValue(1);
    }

    @Test
    void selectsNothingWhenNoneIsQueued() {
        AckSelection selection = AckSelection.of(List.of(), ids("m-1"));

        assertThat(selection.isEmpty()).isTrue();
        assertThat(selection.highestSeq()).isEmpty();
    }

}
