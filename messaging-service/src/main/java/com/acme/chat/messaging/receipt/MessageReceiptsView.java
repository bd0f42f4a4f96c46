package com.acme.chat.messaging.receipt;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/conversations/{conversationId}/messages/{seq}/receipts}.
 *
 * @param conversationId the conversation
 * @param seq the message's seq
 * @param messageId the message
 * @param sender who sent it
 * @param members how many members could receive it (the sender excluded)
 * @param delivered how many of them have it on a device
 * @param read how many of them read it, as the caller may see
 * @param receipts one entry per member who could receive it, in user id order
 */
record MessageReceiptsView(String conversationId, long seq, String messageId, String sender, int members, int delivered,
        int read, List<MemberReceiptView> receipts) {
}
