package com.acme.chat.common.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * A frame sent by a client to the server. Read incoming text as {@code ClientFrame} (not
 * {@link Frame}) so a server frame type is rejected like an unknown one.
 * <p>
 * Each carries a client-chosen correlation {@link #id()}, echoed by the single answer
 * frame (see {@link Frame}). The server handles the frames of one connection in arrival
 * order. Dispatch with {@link #accept(Visitor)}: adding a frame type then breaks every
 * handler at compile time instead of falling through at run time.
 */
@JsonSubTypes({ @JsonSubTypes.Type(value = SendMessage.class, name = SendMessage.TYPE),
        @JsonSubTypes.Type(value = AckDelivery.class, name = AckDelivery.TYPE),
        @JsonSubTypes.Type(value = MarkRead.class, name = MarkRead.TYPE),
        @JsonSubTypes.Type(value = Ping.class, name = Ping.TYPE),
        @JsonSubTypes.Type(value = Typing.class, name = Typing.TYPE),
        @JsonSubTypes.Type(value = SubscribePresence.class, name = SubscribePresence.TYPE) })
public sealed interface ClientFrame extends Frame
        permits SendMessage, AckDelivery, MarkRead, Ping, Typing, SubscribePresence {

    /**
     * The client-chosen correlation id, echoed in the answer. Unique among the
     * connection's outstanding requests; it is not an idempotency key (messages use
     * {@code clientMsgId} for that).
     * @return the correlation id
     */
    String id();

    /**
     * Calls the visitor method for this frame's type.
     * @param visitor the handler
     * @param <R> the handler's result type
     * @return what the visitor returned
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * Handles each client frame type; the Java 17 stand-in for an exhaustive pattern
     * {@code switch}.
     *
     * @param <R> the result type, e.g. the answer frame
     */
    interface Visitor<R> {

        R onSendMessage(SendMessage frame);

        R onAckDelivery(AckDelivery frame);

        R onMarkRead(MarkRead frame);

        R onPing(Ping frame);

        R onTyping(Typing frame);

        R onSubscribePresence(SubscribePresence frame);

    }

}
