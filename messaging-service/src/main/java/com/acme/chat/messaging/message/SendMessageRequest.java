package com.acme.chat.messaging.message;

import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import com.acme.chat.common.protocol.MediaRef;

/**
 * Body of {@code POST /api/v1/messages}: {@code {"clientMsgId", "to" | "group", "text",
 * "media"?}}. Fields are checked by {@link SendMessageValidator} so that each rule
 * answers with its protocol error code.
 *
 * @param clientMsgId the client's idempotency key, reused on every retry of this message
 * @param to the recipient user, for a direct message
 * @param group the group, for a group message
 * @param text the text, may be empty only when media are attached
 * @param media attachments (references to uploaded assets)
 */
record SendMessageRequest(@Nullable String clientMsgId, @Nullable String to, @Nullable String group,
        @Nullable String text, @Nullable List<@Valid MediaRef> media) {
}
