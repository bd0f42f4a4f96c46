package com.acme.chat.messaging.user;

import com.acme.chat.common.id.UserId;

/**
 * Whether two users share a conversation, which entitles each to the other's public
 * profile. Implemented by the feature that knows conversations (today the 1:1
 * conversations of the message package); when groups arrive, sharing a group counts too,
 * behind the same question.
 */
public interface ConversationPeers {

    /**
     * @param user the asking user
     * @param other another user
     * @return whether a conversation with both as members exists
     */
    boolean shareConversation(UserId user, UserId other);

}
