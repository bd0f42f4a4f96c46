package com.acme.chat.common.protocol;

import java.time.Instant;
import java.util.Objects;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;

/**
 * A member's messages-delivered or messages-read position moved forward: {@link #user()}
 * has received (or read) every message of the conversation up to and including
 * {@link #upToSeq()}.
 * <p>
 * Best-effort and cumulative: a lost or repeated receipt is harmless because a later one
 * supersedes it, and a client keeps the highest {@code upToSeq} per user and kind.
 *
 * @param conversationId the conversation
 * @param user the member whose position moved
 * @param kind delivered or read
 * @param upToSeq the new position, inclusive
 * @param at when it was recorded
 */
public record ReceiptFrame(ConversationId conversationId, UserId user, ReceiptKind kind, long upToSeq,
        Instant at) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "receipt";

    public ReceiptFrame {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

}
