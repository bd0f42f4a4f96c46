package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;

/**
 * Another member started or stopped typing in a conversation (relayed from their
 * {@link Typing} frame). Best-effort, never queued; a client should expire
 * {@code typing = true} when it is not refreshed within a few seconds.
 *
 * @param conversationId the conversation
 * @param user the member who is typing
 * @param typing whether they are typing
 */
public record TypingIndicator(ConversationId conversationId, UserId user, boolean typing) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "typing_indicator";

    public TypingIndicator {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(user, "user");
    }

}
