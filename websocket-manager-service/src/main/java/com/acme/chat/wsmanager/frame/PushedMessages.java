package com.acme.chat.wsmanager.frame;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.MessageId;
import com.acme.chat.wsmanager.downstream.PushedMessage;

/**
 * The messages a connection was sent and has not acknowledged yet, so an
 * {@code ack_delivery} can name their queue keys to relay.
 */
public interface PushedMessages {

    /** A connection that remembers nothing: relay looks the keys up itself. */
    PushedMessages NONE = new PushedMessages() {

        @Override
        public @Nullable PushedMessage find(MessageId messageId) {
            return null;
        }

        @Override
        public void acknowledged(Collection<MessageId> messageIds) {
        }

        @Override
        public boolean admitLookupAck() {
            return true;
        }

    };

    /**
     * @param messageId a message id from the client's ack
     * @return the key of that message if it was pushed on this connection, else null
     */
    @Nullable PushedMessage find(MessageId messageId);

    /**
     * Forgets messages that relay has taken out of the queue.
     * @param messageIds the acknowledged messages
     */
    void acknowledged(Collection<MessageId> messageIds);

    /**
     * Takes one from the connection's allowance of acks naming messages it did not push
     * ({@code chat.wsmanager.lookup-ack-burst}, {@code lookup-acks-per-second}): each
     * costs relay a read of the device's queue, and nothing else bounds how many a client
     * sends.
     * @return whether the ack may go on
     */
    boolean admitLookupAck();

}
