package com.acme.chat.common.protocol;

import java.util.List;
import java.util.Objects;

import com.acme.chat.common.id.ConversationId;

/**
 * To a group message's sender: how many members received and read his messages of
 * {@link #conversationId()} whose counts changed since the last such frame, one entry per
 * message ({@link MessageReceiptCounts}), oldest first.
 * <p>
 * Coalesced: at most one frame per group and sender per
 * {@code chat.messaging.group-receipts.flush-interval} (1 s), however many members
 * acknowledged or read, never one frame per member. Best-effort and cumulative, like
 * {@link ReceiptFrame}: a lost frame is superseded by the next one, and the per-member
 * detail is available over REST.
 *
 * @param conversationId the group conversation ({@code g:<groupId>})
 * @param messages the counts of the sender's messages that changed, by seq
 */
public record GroupReceiptsFrame(ConversationId conversationId,
        List<MessageReceiptCounts> messages) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "group_receipts";

    public GroupReceiptsFrame {
        Objects.requireNonNull(conversationId, "conversationId");
        messages = List.copyOf(messages);
    }

}
