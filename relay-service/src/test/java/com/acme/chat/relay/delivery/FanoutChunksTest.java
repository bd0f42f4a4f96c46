package com.acme.chat.relay.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.UserId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FanoutChunksTest {

    private static List<UserId> members(int count) {
        return IntStream.range(0, count).mapToObj(i -> UserId.of("user-" + i)).toList();
    }

    @Test
    void everyRecipientIsInExactlyOneChunkInTheMessagesOrder() {
        List<UserId> members = members(1024);

        List<List<UserId>> chunks = FanoutChunks.split(members, 8);

        assertThat(chunks).hasSize(8);
        List<UserId> all = new ArrayList<>();
        chunks.forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrderElementsOf(members);
        chunks.forEach(chunk -> assertThat(chunk)
            .isSortedAccordingTo((a, b) -> Integer.compare(members.indexOf(a), members.indexOf(b))));
    }

    @Test
    void aRecipientsChunkDependsOnlyOnTheRecipientNotOnTheGroup() {
        List<UserId> small = members(300);
        List<UserId> grown = new ArrayList<>(members(1024));
        java.util.Collections.reverse(grown);

        List<List<UserId>> before = FanoutChunks.split(small, 8);
        List<List<UserId>> after = FanoutChunks.split(grown, 8);

        for (int chunk = 0; chunk < 8; chunk++) {
            assertThat(after.get(chunk)).containsAll(before.get(chunk));
        }
        // Specified by the JLS (String.hashCode) and a fixed mix: the same in every
        // process and release, which the order of a member's messages relies on.
        assertThat(FanoutChunks.chunkOf(UserId.of("alice"), 8)).isEqualTo(FanoutChunks.chunkOf(UserId.of("alice"), 8));
    }

    @Test
    void sequentialIdsSpreadEvenly() {
        List<List<UserId>> chunks = FanoutChunks.split(members(1024), 8);

        chunks.forEach(chunk -> assertThat(chunk.size()).isBetween(96, 160));
    }

    @Test
    void repeatedRecipientsCountOnce() {
        UserId bob = UserId.of("bob");

        List<List<UserId>> chunks = FanoutChunks.split(List.of(bob, bob), 4);

        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> FanoutChunks.split(List.of(bob), 0));
    }

}
