package com.acme.chat.messaging.message;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;

/**
 * A validated send: exactly one of {@code to} and {@code group} is set.
 *
 * @param clientMsgId idempotency key
 * @param to recipient of a direct message
 * @param group group of a group message
 * @param text the text (empty only with media)
 * @param media attachments, possibly empty
 * @param device the sender's device
 */
record SendCommand(ClientMessageId clientMsgId, @Nullable UserId to, @Nullable GroupId group, String text,
        List<MediaRef> media, DeviceId device) {

    /**
     * @return what the body hash covers as the addressee
     */
    String addressee() {
        return (to != null) ? "u:" + to.value() : "g:" + String.valueOf(group);
    }
}
