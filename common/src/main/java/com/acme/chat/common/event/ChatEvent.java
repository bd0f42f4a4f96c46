package com.acme.chat.common.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An integration event published on Kafka: a fact in the past tense, immutable once
 * published.
 * <p>
 * Serialised as JSON with a {@code type} discriminator, so a topic can carry several
 * event types and gain more; read values as {@code ChatEvent} (or {@link GroupEvent} /
 * {@link PresenceEvent}) and dispatch with {@code instanceof}. Events change only by
 * adding fields: readers ignore unknown fields (built in here, not left to mapper
 * configuration), and absent optional fields are omitted rather than written as
 * {@code null}.
 * <p>
 * Delivery is at least once, ordered only per {@link #partitionKey() key}; see
 * {@link Topics}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = MessageSent.class, name = MessageSent.TYPE),
        @JsonSubTypes.Type(value = DeliveryRequested.class, name = DeliveryRequested.TYPE),
        @JsonSubTypes.Type(value = ReceiptRecorded.class, name = ReceiptRecorded.TYPE),
        @JsonSubTypes.Type(GroupEvent.class), @JsonSubTypes.Type(PresenceEvent.class),
        @JsonSubTypes.Type(value = PushNotificationRequested.class, name = PushNotificationRequested.TYPE),
        @JsonSubTypes.Type(value = AssetStored.class, name = AssetStored.TYPE),
        @JsonSubTypes.Type(value = FanoutRequested.class, name = FanoutRequested.TYPE),
        @JsonSubTypes.Type(value = GroupReceiptsCounted.class, name = GroupReceiptsCounted.TYPE),
        @JsonSubTypes.Type(value = DeliveryAcked.class, name = DeliveryAcked.TYPE) })
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ChatEvent permits MessageSent, DeliveryRequested, ReceiptRecorded, GroupEvent, PresenceEvent,
        PushNotificationRequested, AssetStored, FanoutRequested, GroupReceiptsCounted, DeliveryAcked {

    /**
     * Unique id of this event, for consumer-side deduplication. A producer re-publishing
     * the same fact (a retry after a crash) reuses it where it can be derived
     * deterministically.
     * @return the event id
     */
    UUID eventId();

    /**
     * @return when the fact happened, by the producer's clock
     */
    Instant occurredAt();

    /**
     * Schema version of this event type, starting at 1. Only ever raised for additive
     * changes, so consumers never reject an event for its version.
     * @return the version
     */
    int version();

    /**
     * @return the topic this event is published on, one of {@link Topics#ALL}
     */
    String topic();

    /**
     * @return the Kafka record key this event is published with; it decides the ordering
     * scope
     */
    String partitionKey();

}
