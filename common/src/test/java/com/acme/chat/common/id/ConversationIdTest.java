package com.acme.chat.common.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationIdTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    @Test
    void directIsSymmetric() {
        assertThat(ConversationId.direct(ALICE, BOB)).isEqualTo(ConversationId.direct(BOB, ALICE));
        assertThat(ConversationId.direct(BOB, ALICE).value()).isEqualTo("d:alice:bob");
    }

    @Test
    void directDiffersPerPair() {
        assertThat(ConversationId.direct(ALICE, BOB)).isNotEqualTo(ConversationId.direct(ALICE, UserId.of("carol")));
    }

    @Test
    void directSortsByStringOrderNotLength() {
        assertThat(ConversationId.direct(UserId.of("b"), UserId.of("aa")).value()).isEqualTo("d:aa:b");
        assertThat(ConversationId.direct(UserId.of("a"), UserId.of("B")).value()).isEqualTo("d:B:a");
    }

    @Test
    void directWithOneselfIsANoteToSelf() {
        ConversationId self = ConversationId.direct(ALICE, ALICE);

        assertThat(self.value()).isEqualTo("d:alice:alice");
        assertThat(self.directParticipants()).containsExactly(ALICE, ALICE);
    }

    @Test
    void directExposesItsParticipants() {
        ConversationId direct = ConversationId.direct(BOB, ALICE);

        assertThat(direct.isDirect()).isTrue();
        assertThat(direct.isGroup()).isFalse();
        assertThat(direct.directParticipants()).containsExactly(ALICE, BOB);
        assertThat(direct.groupId()).isEmpty();
    }

    @Test
    void groupWrapsTheGroupId() {
        ConversationId group = ConversationId.group(GroupId.of("g-42"));

        assertThat(group.value()).isEqualTo("g:g-42");
        assertThat(group.isGroup()).isTrue();
        assertThat(group.isDirect()).isFalse();
        assertThat(group.groupId()).contains(GroupId.of("g-42"));
        assertThat(group.directParticipants()).isEmpty();
    }

    @Test
    void parsesCanonicalForms() {
        assertThat(ConversationId.of("d:alice:bob")).isEqualTo(ConversationId.direct(ALICE, BOB));
        assertThat(ConversationId.of("g:g-42")).isEqualTo(ConversationId.group(GroupId.of("g-42")));
    }

    @Test
    void acceptsLongestDirectId() {
        UserId a = UserId.of("a".repeat(UserId.MAX_LENGTH));
        UserId b = UserId.of("b".repeat(UserId.MAX_LENGTH));

        assertThat(ConversationId.direct(a, b).value()).hasSize(ConversationId.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "alice:bob", "x:alice", "d:", "d:alice", "d:alice:", "d::bob", "d:bob:alice",
            "d:a:b:c", "g:", "g: x", "d:alice: bob" })
    void rejectsNonCanonicalValues(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationId.of(value));
    }

}
