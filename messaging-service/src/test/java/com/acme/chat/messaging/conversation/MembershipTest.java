package com.acme.chat.messaging.conversation;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.message.GroupStreamRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

class MembershipTest {

    // Direct conversations never touch the group tables (GroupStreamIT covers groups).
    private final ConversationAccess access = new ConversationAccess(mock(GroupStreamRepository.class));

    @Test
    void bothParticipantsOfADirectConversationAreMembers() {
        ConversationId conversation = ConversationId.direct(UserId.of("bob"), UserId.of("alice"));
        assertThat(Membership.directMembers(conversation)).containsExactly(UserId.of("alice"), UserId.of("bob"));
        assertThat(Membership.isMember(conversation, UserId.of("alice"))).isTrue();
        assertThat(Membership.isMember(conversation, UserId.of("bob"))).isTrue();
        assertThat(Membership.isMember(conversation, UserId.of("carol"))).isFalse();
    }

    @Test
    void aNoteToSelfHasOneMember() {
        ConversationId conversation = ConversationId.direct(UserId.of("alice"), UserId.of("alice"));
        assertThat(Membership.directMembers(conversation)).containsExactly(UserId.of("alice"));
    }

    @Test
    void anOutsiderIsNotAMember() {
        assertCode(() -> access.requireMember("d:alice:bob", UserId.of("carol")), ErrorCode.NOT_A_MEMBER);
        assertThat(access.requireMember("d:alice:bob", UserId.of("bob"))).hasToString("d:alice:bob");
    }

    @Test
    void aMalformedConversationIdFailsValidation() {
        assertCode(() -> access.requireMember("x:alice:bob", UserId.of("alice")), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> access.requireMember("d:bob:alice", UserId.of("alice")), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> access.requireMember("d:alice", UserId.of("alice")), ErrorCode.VALIDATION_FAILED);
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ChatException.class,
                ex -> assertThat(ex.code()).isEqualTo(code));
    }

}
