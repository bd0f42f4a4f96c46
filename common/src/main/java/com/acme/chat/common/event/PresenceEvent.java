package com.acme.chat.common.event;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * A device connection opened or closed, published on {@link Topics#PRESENCE} keyed by
 * user id.
 * <p>
 * A device that reconnects may be picked up by another handler before the old one reports
 * its disconnect, so a {@link DeviceDisconnected} can follow the newer
 * {@link DeviceConnected} of the same device. Consumers therefore drop a device's route
 * only when the event's {@link #connectionId()} is the one they stored.
 */
@JsonSubTypes({ @JsonSubTypes.Type(value = DeviceConnected.class, name = DeviceConnected.TYPE),
        @JsonSubTypes.Type(value = DeviceDisconnected.class, name = DeviceDisconnected.TYPE) })
public sealed interface PresenceEvent extends ChatEvent permits DeviceConnected, DeviceDisconnected {

    /**
     * @return the user whose device it is
     */
    UserId user();

    /**
     * @return the device
     */
    DeviceId device();

    /**
     * @return id of the websocket-manager instance holding the connection, to route
     * messages to it
     */
    String handlerId();

    /**
     * @return id of the connection, as announced in the {@code hello} frame
     */
    String connectionId();

    @Override
    default String topic() {
        return Topics.PRESENCE;
    }

    @Override
    default String partitionKey() {
        return user().value();
    }

}
