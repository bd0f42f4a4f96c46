package com.acme.chat.wsmanager.testsupport;

import java.util.List;

import tools.jackson.databind.JsonNode;

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.namespace.ChatNamespace;

/**
 * The presence topic as relay sees it, from the moment this watcher was opened: the
 * {@code device_connected} and {@code device_disconnected} events of one user, in order.
 * A connection publishes {@code device_disconnected} only after its route cleanup ran, so
 * this is also how a test knows that cleanup has happened.
 */
public final class PresenceEvents implements AutoCloseable {

    private final UserEvents events;

    /**
     * Watches the events of {@code user} published after this call, on the presence topic
     * of the context's namespace.
     */
    public PresenceEvents(ChatNamespace namespace, String user) {
        this.events = new UserEvents(namespace, Topics.PRESENCE, user);
    }

    /**
     * Waits until exactly {@code count} events of the user have arrived; returns them.
     */
    public List<JsonNode> awaitEvents(int count) {
        return events.awaitEvents(count);
    }

    /**
     * Waits for the user's {@code device_disconnected} of the given connection: its route
     * cleanup has run by then.
     */
    public JsonNode awaitDisconnected(String connectionId) {
        return events.awaitEvent(event -> event.path("type").asString().equals("device_disconnected")
                && event.path("connectionId").asString().equals(connectionId));
    }

    @Override
    public void close() {
        events.close();
    }

}
