package com.acme.chat.messaging.receipt;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One member's receipt of one message:
 * {@code {"user","delivered","deliveredAt","read","readAt"}}; the times are absent while
 * the flag is false.
 *
 * @param user the member
 * @param delivered whether a device of his has the message
 * @param deliveredAt when his delivered watermark last moved, reaching the message: the
 * message was delivered at that time or before
 * @param read whether he read it (false when read receipts are off on either side)
 * @param readAt likewise, for reading
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MemberReceiptView(String user, boolean delivered, @Nullable Instant deliveredAt, boolean read,
        @Nullable Instant readAt) {
}
