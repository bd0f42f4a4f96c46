package com.acme.chat.relay.ack;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.protocol.ProtocolLimits;

/**
 * Body of {@code POST /api/v1/devices/{deviceId}/acks}: the messages of one conversation
 * the device has stored. Ids arrive as plain strings so that a bad one is a
 * {@code validation_failed}, not a {@code malformed_json}.
 *
 * @param conversationId the conversation
 * @param messageIds the received messages, 1 to {@value ProtocolLimits#MAX_ACK_BATCH}
 * @param refs optional: the queue keys of exactly these messages, sent by the
 * websocket-manager that pushed them, so relay deletes the rows without reading them
 * first; absent, relay looks them up in the device's queue
 */
record AckRequest(@NotBlank @Size(max = ConversationId.MAX_LENGTH) String conversationId,
        @NotNull @Size(min = 1,
                max = ProtocolLimits.MAX_ACK_BATCH) List<@NotBlank @Size(max = MessageId.MAX_LENGTH) String> messageIds,
        @Nullable @Size(max = ProtocolLimits.MAX_ACK_BATCH) List<@Valid @NotNull AckKey> refs) {
}
