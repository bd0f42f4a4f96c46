package com.acme.chat.common.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * A frame sent by the server to a client: answers to client frames ({@link Ack},
 * {@link ErrorFrame}, {@link Pong}), the connection greeting ({@link Hello}) and pushed
 * updates ({@link MessageFrame}, {@link ReceiptFrame}, {@link GroupReceiptsFrame},
 * {@link ResyncFrame}, {@link UndeliveredFrame}, {@link PresenceFrame},
 * {@link TypingIndicator}). Delivery guarantees are described on {@link Frame}.
 */
@JsonSubTypes({ @JsonSubTypes.Type(value = Ack.class, name = Ack.TYPE),
        @JsonSubTypes.Type(value = ErrorFrame.class, name = ErrorFrame.TYPE),
        @JsonSubTypes.Type(value = MessageFrame.class, name = MessageFrame.TYPE),
        @JsonSubTypes.Type(value = ReceiptFrame.class, name = ReceiptFrame.TYPE),
        @JsonSubTypes.Type(value = GroupReceiptsFrame.class, name = GroupReceiptsFrame.TYPE),
        @JsonSubTypes.Type(value = ResyncFrame.class, name = ResyncFrame.TYPE),
        @JsonSubTypes.Type(value = UndeliveredFrame.class, name = UndeliveredFrame.TYPE),
        @JsonSubTypes.Type(value = PresenceFrame.class, name = PresenceFrame.TYPE),
        @JsonSubTypes.Type(value = TypingIndicator.class, name = TypingIndicator.TYPE),
        @JsonSubTypes.Type(value = Pong.class, name = Pong.TYPE),
        @JsonSubTypes.Type(value = Hello.class, name = Hello.TYPE) })
public sealed interface ServerFrame extends Frame permits Ack, ErrorFrame, MessageFrame, ReceiptFrame,
        GroupReceiptsFrame, ResyncFrame, UndeliveredFrame, PresenceFrame, TypingIndicator, Pong, Hello {

}
