package com.acme.chat.relay.ack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;

/**
 * The {@code DELIVERED} positions that the acks applied together reach: one receipt per
 * (conversation, user), at the highest seq any of them removed. A receipt is cumulative
 * (everything up to its seq), so the lower ones of the same reader say nothing more; a
 * user's devices that ack the same conversation in one batch publish one receipt, not one
 * each. Not thread-safe: one batch fills it.
 */
final class DeliveredPositions {

    private final Map<Reader, Long> highest = new LinkedHashMap<>();

    /**
     * @param conversation the conversation
     * @param user who received messages of it
     * @param seq the highest seq of them that one ack removed
     */
    void reached(ConversationId conversation, UserId user, long seq) {
        highest.merge(new Reader(conversation, user), seq, Math::max);
    }

    /**
     * @return one receipt per (conversation, user), in the order they were first reached
     */
    List<ReceiptRecorded> receipts() {
        List<ReceiptRecorded> receipts = new ArrayList<>(highest.size());
        highest.forEach((reader, seq) -> receipts
            .add(DeliveredReceiptPublisher.delivered(reader.conversation(), reader.user(), seq)));
        return receipts;
    }

    private record Reader(ConversationId conversation, UserId user) {
    }

}
