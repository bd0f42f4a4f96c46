/**
 * Receipts: read and delivered watermarks per member and conversation, the read endpoint,
 * and the consumer of delivered receipts.
 */
@NullMarked
package com.acme.chat.messaging.receipt;

import org.jspecify.annotations.NullMarked;
