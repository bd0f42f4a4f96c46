package com.acme.chat.messaging.conversation;

import java.util.List;

import com.acme.chat.messaging.message.MessageView;

/**
 * Answer of {@code GET /api/v1/conversations/{conversationId}/messages}:
 * {@code {"messages": [...]}}.
 *
 * @param messages ascending by seq with {@code afterSeq}, otherwise descending
 */
record ConversationMessagesView(List<MessageView> messages) {
}
