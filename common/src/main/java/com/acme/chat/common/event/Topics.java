package com.acme.chat.common.event;

import java.util.List;

/**
 * Kafka topic names, with each topic's record key, producers and consumers.
 * <p>
 * All topics are at-least-once: a consumer may see an event twice (producer retry,
 * rebalance before commit) and must be idempotent, using {@link ChatEvent#eventId()} or
 * the event's natural key. Kafka orders records only within a partition, so events are
 * ordered only per key; {@link ChatEvent#partitionKey()} returns the key to publish with
 * and {@link ChatEvent#topic()} the topic. Values are JSON with a {@code type}
 * discriminator (see {@link ChatEvent}). The {@code .v1} suffix changes only for an
 * incompatible change, which then gets a new topic.
 */
public final class Topics {

    /**
     * {@link MessageSent}: every stored message, once. Key: conversationId, so a
     * conversation's messages are consumed in {@code seq} order. Producer:
     * messaging-service. Consumers: group-service (group fan-out into
     * {@link #DELIVERIES}) and any service keeping conversation history or search.
     */
    public static final String MESSAGES = "chat.messages.v1";

    /**
     * {@link DeliveryRequested}: one per message and recipient user (the sender included,
     * for their other devices). Key: recipient userId, so one user's deliveries stay in
     * order on one consumer. Producers: messaging-service (direct messages) and
     * group-service (group fan-out). Consumer: relay-service, which queues the message
     * for the user's devices and pushes it to the connected ones.
     */
    public static final String DELIVERIES = "chat.deliveries.v1";

    /**
     * {@link ReceiptRecorded}: a member's delivered or read position moved forward. Key:
     * conversationId. Producers: messaging-service (READ, after storing the watermark)
     * and relay-service (DELIVERED, when a device acked). Consumers: messaging-service,
     * which stores DELIVERED watermarks, and relay-service, which sends {@code receipt}
     * frames to the other members' connected devices.
     */
    public static final String RECEIPTS = "chat.receipts.v1";

    /**
     * {@link GroupEvent}s: {@link GroupCreated}, {@link MemberAdded},
     * {@link MemberRemoved}, {@link GroupRenamed}, {@link MemberRoleChanged}. Key:
     * groupId, so a group's changes are consumed in order of their
     * {@link GroupEvent#groupVersion()}. Producer: group-service. Consumers: services
     * that cache group membership (messaging-service for authorisation, relay-service).
     */
    public static final String GROUPS = "chat.groups.v1";

    /**
     * {@link PresenceEvent}s: {@link DeviceConnected}, {@link DeviceDisconnected}. Key:
     * userId, so one user's connects and disconnects are consumed in publish order.
     * Producer: websocket-manager-service. Consumers: last-seen-service (presence and
     * last seen) and relay-service (which handler a device is connected to).
     */
    public static final String PRESENCE = "chat.presence.v1";

    /**
     * {@link PushNotificationRequested}: wake an offline device. Key: recipient userId.
     * Producer: relay-service, for a recipient without a connected device. Consumer: the
     * push notification sender.
     */
    public static final String NOTIFICATIONS = "chat.notifications.v1";

    /**
     * {@link FanoutRequested}: one chunk of the recipients of a message with more than
     * {@code chat.relay.large-fanout-threshold} of them. Key:
     * {@code <conversationId>:<chunk>}, so one chunk index of a conversation (the same
     * members for every message) is consumed in {@code seq} order. Producer and consumer:
     * relay-service, which takes large fan-outs off the partitions of {@link #MESSAGES}.
     */
    public static final String FANOUT = "chat.fanout.v1";

    /**
     * {@link AssetStored}: a media asset finished uploading. Key: contentHash. Producer:
     * asset-service. Consumers: none required yet (thumbnailing, scanning, storage
     * accounting).
     */
    public static final String ASSETS = "chat.assets.v1";

    /**
     * {@link DeliveryAcked}: a connected device acknowledged messages. Key: userId, so a
     * user's acks (his queue) stay in order. Producer: websocket-manager-service, for the
     * {@code ack_delivery} frame. Consumer: relay-service, in batches.
     */
    public static final String ACKS = "chat.acks.v1";

    /** Every topic, e.g. for creating them at startup. */
    public static final List<String> ALL = List.of(MESSAGES, DELIVERIES, RECEIPTS, GROUPS, PRESENCE, NOTIFICATIONS,
            ASSETS, FANOUT, ACKS);

    private Topics() {
    }

}
