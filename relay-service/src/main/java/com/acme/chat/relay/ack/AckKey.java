package com.acme.chat.relay.ack;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.acme.chat.common.id.MessageId;

/**
 * The queue key of one acknowledged message, as the handler that pushed it knows it.
 *
 * @param messageId the message
 * @param seq its seq in the acknowledged conversation
 * @param sentAt when it was sent (the queue row's write timestamp)
 */
record AckKey(@NotBlank @Size(max = MessageId.MAX_LENGTH) String messageId, @Positive long seq,
        @NotNull Instant sentAt) {
}
