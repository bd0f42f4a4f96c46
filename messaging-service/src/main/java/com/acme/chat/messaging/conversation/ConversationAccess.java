package com.acme.chat.messaging.conversation;

import java.util.List;

import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;

/**
 * The gate in front of every per-conversation endpoint: a malformed id is
 * {@code validation_failed}, a group conversation is {@code unknown_conversation} (until
 * groups ship), and a user outside a direct conversation is {@code not_a_member}.
 */
@Component
public class ConversationAccess {

    /**
     * @param rawConversationId the id from the request path
     * @param user the acting user
     * @return the conversation, which the user is a member of
     */
    public ConversationId requireMember(String rawConversationId, UserId user) {
        ConversationId conversation = parse(rawConversationId);
        if (conversation.isGroup()) {
            throw new ChatException(ErrorCode.UNKNOWN_CONVERSATION, "No conversation '" + conversation + "'");
        }
        if (!Membership.isMember(conversation, user)) {
            throw new ChatException(ErrorCode.NOT_A_MEMBER, "You are not a member of this conversation");
        }
        return conversation;
    }

    /**
     * @param conversation a direct conversation
     * @return its members, each once
     */
    public List<UserId> members(ConversationId conversation) {
        return Membership.directMembers(conversation);
    }

    private static ConversationId parse(String raw) {
        try {
            return ConversationId.of(raw);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "conversationId: " + ex.getMessage());
        }
    }

}
