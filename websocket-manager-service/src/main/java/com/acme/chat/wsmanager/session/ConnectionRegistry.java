package com.acme.chat.wsmanager.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.Ack;
import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.GroupReceiptsFrame;
import com.acme.chat.common.protocol.Hello;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.Pong;
import com.acme.chat.common.protocol.PresenceFrame;
import com.acme.chat.common.protocol.ReceiptFrame;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.protocol.TypingIndicator;
import com.acme.chat.common.protocol.UndeliveredFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.wsmanager.downstream.PushedMessage;
import com.acme.chat.wsmanager.routing.LocalConnections;

/**
 * The connections open on this instance, at most one per (user, device), and the one way
 * frames reach their sockets: serialised once, counted, queued on the connection's
 * bounded outbox. A connection whose outbox is full is closed with 1013 (try again later)
 * instead of losing frames silently; its undelivered messages stay in relay's queue and
 * come again on reconnect.
 * <p>
 * Thread-safe: the map is concurrent, and each connection serialises its own offers.
 * Called from Netty event loops (answers), the Redis pub/sub thread (pushes, evictions)
 * and the maintenance timers.
 */
@Component
class ConnectionRegistry implements LocalConnections {

    static final CloseStatus REPLACED = new CloseStatus(CloseCodes.REPLACED_BY_NEW_CONNECTION,
            "replaced by new connection");

    static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(CloseCodes.TRY_AGAIN_LATER, "client too slow");

    static final CloseStatus DEVICE_REMOVED = new CloseStatus(CloseCodes.DEVICE_REMOVED, "device_removed");

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

    private static final Map<Class<?>, String> TYPES = Map.ofEntries(Map.entry(Ack.class, Ack.TYPE),
            Map.entry(ErrorFrame.class, ErrorFrame.TYPE), Map.entry(MessageFrame.class, MessageFrame.TYPE),
            Map.entry(ReceiptFrame.class, ReceiptFrame.TYPE),
            Map.entry(GroupReceiptsFrame.class, GroupReceiptsFrame.TYPE),
            Map.entry(PresenceFrame.class, PresenceFrame.TYPE), Map.entry(TypingIndicator.class, TypingIndicator.TYPE),
            Map.entry(Pong.class, Pong.TYPE), Map.entry(Hello.class, Hello.TYPE),
            Map.entry(ResyncFrame.class, ResyncFrame.TYPE), Map.entry(UndeliveredFrame.class, UndeliveredFrame.TYPE));

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private final ObjectWriter frameWriter;

    private final SessionMetrics metrics;

    ConnectionRegistry(JsonMapper json, MeterRegistry meters) {
        this.frameWriter = json.writerFor(ServerFrame.class);
        this.metrics = new SessionMetrics(meters, connections::size);
    }

    SessionMetrics metrics() {
        return metrics;
    }

    /**
     * Makes the connection the device's connection on this instance.
     * @return the connection it replaced, if any
     */
    @Nullable Connection put(Connection connection) {
        return connections.put(connection.routeKey(), connection);
    }

    /** Forgets the connection, unless a newer one of the device has taken its place. */
    void remove(Connection connection) {
        connections.remove(connection.routeKey(), connection);
    }

    @Nullable Connection get(String routeKey) {
        return connections.get(routeKey);
    }

    Collection<Connection> all() {
        return connections.values();
    }

    int size() {
        return connections.size();
    }

    /** Queues {@code hello}; pushes are accepted from now on. */
    boolean greet(Connection connection, Hello hello) {
        return handle(connection, connection.greet(write(hello)), Hello.TYPE);
    }

    /** Queues the answer to a client frame. */
    boolean answer(Connection connection, ServerFrame frame) {
        return enqueue(connection, frame, false);
    }

    @Override
    public boolean deliver(HandlerMessage.Deliver deliver) {
        Connection connection = target(deliver.user(), deliver.device(), deliver.connectionId());
        return connection != null && push(connection, deliver.frame());
    }

    @Override
    public int deliverMany(HandlerMessage.DeliverMany deliver) {
        ServerFrame frame = deliver.frame();
        String json = null;
        int pushed = 0;
        for (HandlerMessage.Target target : deliver.targets()) {
            Connection connection = target(target.user(), target.device(), target.connectionId());
            if (connection == null) {
                continue;
            }
            if (json == null) {
                json = write(frame);
            }
            if (push(connection, frame, json)) {
                pushed++;
            }
        }
        return pushed;
    }

    /**
     * @return the device's connection here, if it is the one named (any, when none is
     * named)
     */
    private @Nullable Connection target(UserId user, DeviceId device, @Nullable String connectionId) {
        Connection connection = connections.get(Connection.deviceKey(user, device));
        if (connection == null || (connectionId != null && !connectionId.equals(connection.connectionId()))) {
            return null;
        }
        return connection;
    }

    /** Queues a live push (held back while the connection's replay runs). */
    boolean push(Connection connection, ServerFrame frame) {
        return push(connection, frame, write(frame));
    }

    /**
     * Queues a live push already serialised (a frame pushed to several connections is
     * written once).
     */
    private boolean push(Connection connection, ServerFrame frame, String json) {
        String type = TYPES.getOrDefault(frame.getClass(), "other");
        PushedMessage message = (frame instanceof MessageFrame carried) ? PushedMessage.of(carried) : null;
        Connection.Offer offer = connection.offerPush(json, message, type);
        switch (offer) {
            case HELD:
                return true;
            case DUPLICATE:
                metrics.duplicateDropped();
                return true;
            default:
                return handle(connection, offer, type);
        }
    }

    /** Queues a message of the connection's queue replay. */
    boolean replayed(Connection connection, MessageFrame frame) {
        return handle(connection, connection.offerReplayed(write(frame), PushedMessage.of(frame)), MessageFrame.TYPE);
    }

    /**
     * Queues a resync marker of the connection's queue replay (exempt from the byte bound
     * like the replay's messages; its ack needs no key, relay reads the marker).
     */
    boolean replayed(Connection connection, ResyncFrame frame) {
        return handle(connection, connection.offerReplayed(write(frame)), ResyncFrame.TYPE);
    }

    /** Ends the connection's replay: the held live pushes follow. */
    boolean replayDone(Connection connection) {
        Connection.Offer offer = connection.replayDone(metrics::sent, metrics::duplicateDropped);
        return (offer == Connection.Offer.QUEUED) || handle(connection, offer, MessageFrame.TYPE);
    }

    @Override
    public boolean evict(HandlerMessage.Evict evict) {
        Connection connection = connections.get(Connection.deviceKey(evict.user(), evict.device()));
        if (connection == null || !connection.connectionId().equals(evict.connectionId())) {
            return false;
        }
        if (evict.removed()) {
            if (close(connection, DEVICE_REMOVED, "device_removed")) {
                log.debug("Closed {}: its user removed the device", connection);
            }
            return true;
        }
        replaced(connection);
        return true;
    }

    /** Closes a connection that a newer connection of the same device replaced. */
    void replaced(Connection connection) {
        if (close(connection, REPLACED, "replaced")) {
            metrics.evicted();
            log.debug("Closed {}: replaced by a newer connection of the device", connection);
        }
    }

    /**
     * Closes the connection with the given status, once.
     * @param reason low-cardinality reason for the metric
     * @return whether this call closed it
     */
    boolean close(Connection connection, CloseStatus status, String reason) {
        if (!connection.close(status)) {
            return false;
        }
        metrics.closed(reason);
        return true;
    }

    private boolean enqueue(Connection connection, ServerFrame frame, boolean push) {
        String type = TYPES.getOrDefault(frame.getClass(), "other");
        return handle(connection, connection.offer(write(frame), push), type, frame);
    }

    private boolean handle(Connection connection, Connection.Offer offer, String type, ServerFrame frame) {
        if (offer == Connection.Offer.QUEUED && frame instanceof ErrorFrame error) {
            metrics.error(error.code());
        }
        return handle(connection, offer, type);
    }

    private boolean handle(Connection connection, Connection.Offer offer, String type) {
        switch (offer) {
            case QUEUED:
                metrics.sent(type);
                return true;
            case OVERFLOW:
                log.warn("Closing {}: its outbox is full, the client reads too slowly", connection);
                close(connection, TRY_AGAIN_LATER, "slow_consumer");
                return false;
            case NOT_GREETED:
            case CLOSED:
            default:
                return false;
        }
    }

    private String write(ServerFrame frame) {
        return frameWriter.writeValueAsString(frame);
    }

}
