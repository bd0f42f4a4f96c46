package com.acme.chat.relay.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.relay.queue.QueuePosition;

/**
 * Where a page of a replay ended: its last message's conversation and seq. The next page
 * starts after it. The id arrives as a plain string so that a bad one is a
 * {@code validation_failed}.
 *
 * @param conversationId the conversation
 * @param seq the seq
 */
record ReplayPosition(@NotBlank @Size(max = ConversationId.MAX_LENGTH) String conversationId,
        @PositiveOrZero long seq) {

    static ReplayPosition of(QueuePosition position) {
        return new ReplayPosition(position.conversationId().value(), position.seq());
    }

}
