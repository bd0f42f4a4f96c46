package com.acme.chat.messaging.message;

import org.springframework.stereotype.Component;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.messaging.user.ConversationPeers;

/**
 * Two users share a conversation once their 1:1 conversation has a message, sent by
 * either. Group membership will be asked here too when groups ship.
 */
@Component
class DirectConversationPeers implements ConversationPeers {

    private final ConversationHistory history;

    DirectConversationPeers(ConversationHistory history) {
        this.history = history;
    }

    @Override
    public boolean shareConversation(UserId user, UserId other) {
        return history.lastSeq(ConversationId.direct(user, other)) > 0;
    }

}
