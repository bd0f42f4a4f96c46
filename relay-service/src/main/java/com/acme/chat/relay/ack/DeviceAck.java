package com.acme.chat.relay.ack;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.relay.queue.QueuedRef;

/**
 * One device's ack of messages of one conversation, however it arrived (a REST call, or a
 * {@link DeliveryAcked} event).
 *
 * @param user the acknowledging user, whose queue alone the ack touches
 * @param device his device
 * @param conversation the conversation of the messages
 * @param messageIds the acknowledged messages
 * @param keys the queue keys of the acknowledged messages, or null to look them up
 */
record DeviceAck(UserId user, DeviceId device, ConversationId conversation, List<MessageId> messageIds,
        @Nullable List<QueuedRef> keys) {

    /**
     * @param event an ack a websocket-manager published
     * @return the same ack
     */
    static DeviceAck of(DeliveryAcked event) {
        List<QueuedRef> keys = (event.refs() == null) ? null
                : event.refs().stream().map(ref -> new QueuedRef(ref.messageId(), ref.seq(), ref.sentAt())).toList();
        return new DeviceAck(event.user(), event.device(), event.conversationId(), event.messageIds(), keys);
    }

}
