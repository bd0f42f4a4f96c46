package com.acme.chat.relay.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.DeviceConnected;
import com.acme.chat.common.event.DeviceDisconnected;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/** Object mother for the events relay consumes, with fresh ids. */
public final class Events {

    private Events() {
    }

    /**
     * @return a user id no other test uses
     */
    public static UserId freshUser(String name) {
        return UserId.of(name + "-" + UUID.randomUUID());
    }

    /**
     * @return a handler id no other test uses
     */
    public static String freshHandler() {
        return "handler-test-" + UUID.randomUUID();
    }

    /**
     * A direct message from {@code sender} (on {@code senderDevice}) delivered to
     * {@code recipient}.
     */
    public static DeliveryRequested delivery(UserId recipient, UserId sender, DeviceId senderDevice, long seq) {
        String id = UUID.randomUUID().toString();
        // Cassandra keeps milliseconds, so live and replayed frames compare equal.
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new DeliveryRequested(UUID.randomUUID(), sentAt, DeliveryRequested.VERSION, recipient,
                MessageId.of("m-" + id), ConversationId.direct(recipient, sender), seq, sender, senderDevice, null,
                "text " + seq, List.of(), sentAt, ClientMessageId.of("c-" + id));
    }

    /**
     * A message of {@code group} from {@code sender} delivered to the member
     * {@code recipient}.
     */
    public static DeliveryRequested groupDelivery(UserId recipient, UserId sender, GroupId group, long seq) {
        DeliveryRequested direct = delivery(recipient, sender, DeviceId.of("web"), seq);
        return new DeliveryRequested(direct.eventId(), direct.occurredAt(), DeliveryRequested.VERSION, recipient,
                direct.messageId(), ConversationId.group(group), seq, sender, direct.senderDevice(), group,
                direct.text(), List.of(), direct.sentAt(), direct.clientMsgId());
    }

    /**
     * A stored direct message from {@code sender} (on {@code senderDevice}) to
     * {@code recipient}, as messaging publishes it: one event with both members.
     */
    public static MessageSent sent(UserId sender, DeviceId senderDevice, UserId recipient, long seq) {
        String id = UUID.randomUUID().toString();
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new MessageSent(UUID.randomUUID(), sentAt, MessageSent.VERSION, MessageId.of("m-" + id),
                ConversationId.direct(sender, recipient), seq, sender, senderDevice, null, List.of(sender, recipient),
                "text " + seq, List.of(), sentAt, ClientMessageId.of("c-" + id));
    }

    public static DeviceConnected connected(UserId user, DeviceId device, String handlerId, String connectionId) {
        return new DeviceConnected(UUID.randomUUID(), Instant.now(), DeviceConnected.VERSION, user, device, handlerId,
                connectionId);
    }

    /** The event of a current handler, which replays the device's queue itself. */
    public static DeviceConnected connectedReplayingItself(UserId user, DeviceId device, String handlerId,
            String connectionId) {
        return new DeviceConnected(UUID.randomUUID(), Instant.now(), DeviceConnected.VERSION, user, device, handlerId,
                connectionId, true);
    }

    public static DeviceDisconnected disconnected(UserId user, DeviceId device, String handlerId, String connectionId,
            Instant at) {
        return new DeviceDisconnected(UUID.randomUUID(), at, DeviceDisconnected.VERSION, user, device, handlerId,
                connectionId);
    }

    /**
     * What a websocket-manager publishes for an {@code ack_delivery} frame of
     * {@code user}'s {@code device} acknowledging {@code messages} (of one conversation):
     * with their queue keys when {@code keyed}, as a handler that pushed them all names
     * them, otherwise without.
     */
    public static DeliveryAcked acked(UserId user, DeviceId device, List<DeliveryRequested> messages, boolean keyed) {
        List<DeliveryAcked.Ref> refs = messages.stream()
            .map(message -> new DeliveryAcked.Ref(message.messageId(), message.seq(), message.sentAt()))
            .toList();
        return new DeliveryAcked(UUID.randomUUID(), Instant.now(), DeliveryAcked.VERSION, user, device,
                messages.get(0).conversationId(), messages.stream().map(DeliveryRequested::messageId).toList(),
                keyed ? refs : null);
    }

}
