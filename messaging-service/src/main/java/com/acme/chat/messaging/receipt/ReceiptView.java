package com.acme.chat.messaging.receipt;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One member's watermarks: {@code {"user","deliveredSeq","readSeq","updatedAt"}} (0 when
 * nothing yet).
 *
 * @param user the member
 * @param deliveredSeq received on a device up to (at least the read position)
 * @param readSeq read up to
 * @param updatedAt last change
 */
record ReceiptView(String user, long deliveredSeq, long readSeq, @Nullable Instant updatedAt) {
}
