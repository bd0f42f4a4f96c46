package com.acme.chat.messaging.receipt;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/conversations/{conversationId}/receipts}.
 *
 * @param conversationId the conversation
 * @param receipts one entry per member with a recorded receipt, ordered by user id
 */
record ConversationReceiptsView(String conversationId, List<ReceiptView> receipts) {
}
