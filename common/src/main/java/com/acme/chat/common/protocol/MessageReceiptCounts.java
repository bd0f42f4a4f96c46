package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.id.MessageId;

/**
 * How far one group message has got: of the {@link #members()} who could receive it (the
 * members of the group at its seq, its sender excluded), {@link #delivered()} have it on
 * a device and {@link #read()} have read it ("delivered to k of n, read by k of n").
 * <p>
 * Counts only grow while membership at that seq is fixed, so a client keeps the latest
 * value per seq. {@code read} counts only members who share their read receipts, and is 0
 * for a sender who turned his own off (reciprocal, like WhatsApp); a member who read a
 * message also counts as delivered.
 *
 * @param seq the message's seq in the group
 * @param messageId the message
 * @param members how many members could receive it
 * @param delivered how many of them have it on a device
 * @param read how many of them read it
 */
public record MessageReceiptCounts(long seq, MessageId messageId, int members, int delivered, int read) {

    public MessageReceiptCounts {
        Objects.requireNonNull(messageId, "messageId");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1");
        }
        if (members < 0 || delivered < 0 || read < 0 || delivered > members || read > members) {
            throw new IllegalArgumentException(
                    "counts must be 0..members, got " + delivered + "/" + read + " of " + members);
        }
    }

}
