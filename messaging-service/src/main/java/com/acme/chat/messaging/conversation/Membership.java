package com.acme.chat.messaging.conversation;

import java.util.LinkedHashSet;
import java.util.List;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;

/**
 * Who belongs to a conversation. A direct conversation's members are the two users its id
 * names (one user for a note to self); group membership belongs to group-service and is
 * not known here yet.
 */
final class Membership {

    private Membership() {
    }

    /**
     * @return the members of a direct conversation, each once; empty for a group
     * conversation
     */
    static List<UserId> directMembers(ConversationId conversation) {
        return List.copyOf(new LinkedHashSet<>(conversation.directParticipants()));
    }

    static boolean isMember(ConversationId conversation, UserId user) {
        return directMembers(conversation).contains(user);
    }

}
