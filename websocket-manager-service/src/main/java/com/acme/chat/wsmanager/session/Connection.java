package com.acme.chat.wsmanager.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.wsmanager.downstream.PushedMessage;
import com.acme.chat.wsmanager.frame.PushedMessages;
import com.acme.chat.wsmanager.handshake.ChatNettySession;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;
import com.acme.chat.wsmanager.routing.RouteRegistry;

/**
 * One open WebSocket on this instance and its outbox.
 * <p>
 * The outbox is a unicast sink whose queue grows in small linked chunks, so an idle
 * connection holds almost nothing (a preallocated 1024-slot array would cost ~4 KB per
 * connection against a budget of ~8 KB, docs/adr/0003). It is bounded twice: by frames
 * ({@code limit}) and by bytes of heap ({@link OutboundBudget}: pushes waiting for the
 * socket, and separately the pushes held back during the replay, per connection and for
 * the whole instance; replay pages and answers to the client's own frames count but are
 * paced, or bounded by the frame limit, instead). Past either bound the client does not
 * keep up, and {@link #offer} refuses so the caller can close the connection (1013)
 * instead of dropping frames silently. Offers may come from any thread (answers on the
 * Netty loop, pushes on the Redis thread); they are serialised here.
 * <p>
 * <b>Replay first.</b> From its creation until {@link #replayDone} the connection holds
 * live pushes back (up to the same limit) while the device's queue is replayed
 * ({@link #offerReplayed}); then the held pushes follow, minus the messages the replay
 * already handed over. For a while after that, a late live push of a replayed message is
 * dropped too ({@link #forgetReplayed} ends it). So a device sees each conversation's
 * queued messages oldest first, followed by the live ones, each once (docs/protocol.md
 * §4.2).
 */
final class Connection implements PushedMessages {

    private static final int QUEUE_CHUNK = 16;

    /** Emitted by {@link #close} to end the outbound stream; never written. */
    private static final String STOP = "";

    private final WebSocketSession session;

    private final ConnectionPrincipal principal;

    private final String connectionId;

    private final String routeKey;

    private final int limit;

    private final OutboundBudget budget;

    /**
     * Bytes of the frames this connection holds (queued or held back), charged to the
     * budget; guarded by {@code this}.
     */
    private long bytes;

    /**
     * Whether the connection has ended and given its bytes back; guarded by {@code this}.
     */
    private boolean released;

    private final Sinks.Many<String> outbox = Sinks.many()
        .unicast()
        .onBackpressureBuffer(Queues.<String>unbounded(QUEUE_CHUNK).get());

    private final AtomicInteger queued = new AtomicInteger();

    private final AtomicBoolean closing = new AtomicBoolean();

    /** Bytes of {@link #held}; guarded by {@code this}. */
    private long heldBytes;

    /** Pushes held back while the replay runs; null once it is done. */
    private @Nullable List<Held> held = new ArrayList<>();

    /** Messages the replay handed over; null once forgotten. */
    private @Nullable Set<MessageId> replayed = new HashSet<>();

    /**
     * Messages pushed and not acknowledged yet, by id, oldest first, at most
     * {@code limit}; null while there are none.
     */
    private @Nullable LinkedHashMap<MessageId, PushedMessage> unacked;

    private @Nullable SendLane sendLane;

    /** Set by {@link #limitLookupAcks}; 0: no limit. */
    private int lookupAckBurst;

    private int lookupAcksPerSecond;

    /**
     * The allowance of {@link #admitLookupAck}, created on first use; guarded by this.
     */
    private @Nullable Bucket lookupAcks;

    private volatile long lastInboundNanos = System.nanoTime();

    /** When {@link #close} closed it; 0 while open. */
    private volatile long closedAtNanos;

    /** The status {@link #close} was called with, sent once the outbox has stopped. */
    private volatile @Nullable CloseStatus closeStatus;

    /**
     * Pushes are accepted only after {@code hello}, so {@code hello} is always the first
     * frame.
     */
    private volatile boolean greeted;

    Connection(WebSocketSession session, ConnectionPrincipal principal, String connectionId, int limit) {
        this(session, principal, connectionId, limit, OutboundBudget.unbounded());
    }

    Connection(WebSocketSession session, ConnectionPrincipal principal, String connectionId, int limit,
            OutboundBudget budget) {
        this.session = session;
        this.principal = principal;
        this.connectionId = connectionId;
        this.routeKey = deviceKey(principal.userId(), principal.deviceId());
        this.limit = limit;
        this.budget = budget;
    }

    WebSocketSession session() {
        return session;
    }

    ConnectionPrincipal principal() {
        return principal;
    }

    String connectionId() {
        return connectionId;
    }

    /** The registry key: one connection per (user, device) on this instance. */
    String routeKey() {
        return routeKey;
    }

    /**
     * The key of a device in this instance's registry (in memory only; the Redis route
     * key is {@code RouteKeys#route}).
     */
    static String deviceKey(UserId user, DeviceId device) {
        return user.value() + ':' + device.value();
    }

    RouteRegistry.LocalRoute localRoute() {
        return new RouteRegistry.LocalRoute(principal.userId(), principal.deviceId(), connectionId);
    }

    /**
     * The frames to write, in offer order; each one taken leaves the count of waiting
     * frames. Ends when the connection is {@linkplain #close closed}: frames still
     * waiting are dropped (their messages stay in relay's queue), so nothing follows the
     * close frame (RFC 6455 §5.5.1), which is sent once this has ended
     * ({@link #closeFrame}).
     */
    Flux<String> outbound() {
        return outbox.asFlux().takeWhile(frame -> closeStatus == null).doOnNext(this::taken);
    }

    /**
     * The close frame, once the outbound frames have stopped; nothing if the connection
     * was not closed by {@link #close}.
     */
    Mono<Void> closeFrame() {
        CloseStatus status = closeStatus;
        return (status == null) ? Mono.empty() : session.close(status).onErrorResume(ex -> Mono.empty());
    }

    /** A frame left the outbox for the socket: it no longer counts. */
    private synchronized void taken(String frame) {
        queued.decrementAndGet();
        uncharge(OutboundBudget.cost(frame));
    }

    /**
     * Charges a frame to this connection and the instance.
     * @param exempt past this connection's own bound too (replay pages, which the replay
     * paces)
     * @return whether it was charged
     */
    private boolean charge(long cost, boolean exempt) {
        if (released) {
            return false;
        }
        if (!exempt && bytes + cost > budget.perConnection()) {
            return false;
        }
        if (!budget.take(cost, bytes, exempt)) {
            return false;
        }
        bytes += cost;
        return true;
    }

    private void uncharge(long cost) {
        if (!released) {
            bytes -= cost;
            budget.release(cost);
        }
    }

    /**
     * Gives back what the connection still holds once it has ended (frames never
     * written); later offers are refused.
     */
    synchronized void release() {
        if (!released) {
            released = true;
            budget.release(bytes);
            bytes = 0;
        }
    }

    /** Outcome of {@link #offer}. */
    enum Offer {

        /** Queued for the socket. */
        QUEUED,
        /** A push held back until the replay is done. */
        HELD,
        /** A push of a message the replay handed over already: dropped. */
        DUPLICATE, NOT_GREETED, CLOSED, OVERFLOW

    }

    /** A push held back during the replay. */
    private record Held(String json, @Nullable PushedMessage message, String type, long cost) {
    }

    /**
     * Queues a live push, or holds it back while the replay runs; a message it carries is
     * {@linkplain #remember remembered} for its ack.
     * @param json the frame
     * @param message the queue key of the message it carries, if it is a {@code message}
     * frame
     * @param type the frame's type, for the metrics when a held push is sent later
     * @return the outcome
     */
    synchronized Offer offerPush(String json, @Nullable PushedMessage message, String type) {
        if (closing.get()) {
            return Offer.CLOSED;
        }
        if (carriedByReplay(message)) {
            return Offer.DUPLICATE;
        }
        Offer offer;
        if (held != null) {
            // Held pushes have a bound of their own: the outbox may be past its bound
            // with
            // replay pages, which must not make live traffic during a long replay close
            // the connection (and start the replay over).
            long cost = OutboundBudget.cost(json);
            if (held.size() >= limit || heldBytes + cost > budget.perConnection() || !charge(cost, true)) {
                return Offer.OVERFLOW;
            }
            heldBytes += cost;
            held.add(new Held(json, message, type, cost));
            offer = Offer.HELD;
        }
        else {
            offer = offer(json, true);
        }
        if ((offer == Offer.QUEUED || offer == Offer.HELD) && message != null) {
            remember(message);
        }
        return offer;
    }

    /**
     * Queues a message of the replay (never held back), remembers its id for the
     * duplicate check and its key for its ack.
     * @param json the frame
     * @param message the queue key of the message it carries
     * @return the outcome
     */
    synchronized Offer offerReplayed(String json, PushedMessage message) {
        Offer offer = offer(json, true, true);
        if (offer == Offer.QUEUED) {
            if (replayed != null) {
                replayed.add(message.messageId());
            }
            remember(message);
        }
        return offer;
    }

    /**
     * Queues a frame of the replay that carries no message (a resync marker): never held
     * back, exempt from the byte bound like the replay's messages.
     * @param json the frame
     * @return the outcome
     */
    synchronized Offer offerReplayed(String json) {
        return offer(json, true, true);
    }

    private boolean carriedByReplay(@Nullable PushedMessage message) {
        return message != null && replayed != null && replayed.contains(message.messageId());
    }

    /**
     * Ends the replay: queues the held pushes in arrival order, minus the messages the
     * replay handed over.
     * @param sent called with the type of each held push queued now
     * @param duplicate called for each held push dropped because the replay carried its
     * message
     * @return QUEUED, or the first outcome that was not
     */
    synchronized Offer replayDone(Consumer<String> sent, Runnable duplicate) {
        List<Held> pending = held;
        held = null;
        heldBytes = 0;
        if (pending == null) {
            return Offer.QUEUED;
        }
        Offer outcome = Offer.QUEUED;
        for (Held push : pending) {
            // Already charged when held back: handed to the outbox as it is, or given
            // back.
            if (outcome != Offer.QUEUED) {
                uncharge(push.cost());
                continue;
            }
            if (carriedByReplay(push.message())) {
                uncharge(push.cost());
                duplicate.run();
                continue;
            }
            outcome = emit(push.json(), push.cost());
            if (outcome == Offer.QUEUED) {
                sent.accept(push.type());
            }
        }
        return outcome;
    }

    /**
     * Remembers the queue key of a message sent (or held) on this connection, so its ack
     * can name it to relay; the oldest is forgotten beyond {@code limit}.
     */
    private void remember(PushedMessage message) {
        if (unacked == null) {
            unacked = new LinkedHashMap<>();
        }
        unacked.put(message.messageId(), message);
        if (unacked.size() > limit) {
            unacked.remove(unacked.keySet().iterator().next());
        }
    }

    @Override
    public synchronized @Nullable PushedMessage find(MessageId messageId) {
        return (unacked != null) ? unacked.get(messageId) : null;
    }

    @Override
    public synchronized void acknowledged(Collection<MessageId> messageIds) {
        if (unacked != null) {
            messageIds.forEach(unacked::remove);
            if (unacked.isEmpty()) {
                unacked = null;
            }
        }
    }

    /**
     * Bounds the acks naming messages this connection did not push (called once, before
     * frames are read).
     */
    void limitLookupAcks(int burst, int perSecond) {
        this.lookupAckBurst = burst;
        this.lookupAcksPerSecond = perSecond;
    }

    @Override
    public synchronized boolean admitLookupAck() {
        if (lookupAckBurst <= 0) {
            return true;
        }
        if (lookupAcks == null) {
            // Most connections never send one: their bucket is not made.
            lookupAcks = Bucket.builder()
                .addLimit(limit -> limit.capacity(lookupAckBurst)
                    .refillGreedy(lookupAcksPerSecond, Duration.ofSeconds(1)))
                .build();
        }
        return lookupAcks.tryConsume(1);
    }

    /** The connection's lane for its sends, created on first use. */
    synchronized SendLane sendLane() {
        if (sendLane == null) {
            sendLane = new SendLane();
        }
        return sendLane;
    }

    /** Stops dropping late live pushes of replayed messages. */
    synchronized void forgetReplayed() {
        replayed = null;
    }

    /** Frames waiting for the socket. */
    int waiting() {
        return queued.get();
    }

    /**
     * Bytes of the frames this connection holds (waiting for the socket or held back).
     */
    synchronized long waitingBytes() {
        return bytes;
    }

    /**
     * Queues a frame for the socket.
     * @param json the frame
     * @param push whether it is a push (refused before {@code hello}) rather than an
     * answer or the hello itself
     * @return the outcome
     */
    synchronized Offer offer(String json, boolean push) {
        // Answers (and hello) are exempt from the byte bound: they are small, one per
        // client frame, and bounded by the frame limit; refusing an ack because replay
        // pages fill the outbox would close a client that does everything right.
        return offer(json, push, !push);
    }

    private Offer offer(String json, boolean push, boolean exempt) {
        if (closing.get()) {
            return Offer.CLOSED;
        }
        if (push && !greeted) {
            return Offer.NOT_GREETED;
        }
        long cost = OutboundBudget.cost(json);
        if (queued.get() >= limit || !charge(cost, exempt)) {
            return Offer.OVERFLOW;
        }
        return emit(json, cost);
    }

    /** Puts a charged frame into the outbox; gives the charge back if that fails. */
    private Offer emit(String json, long cost) {
        if (queued.incrementAndGet() > limit) {
            queued.decrementAndGet();
            uncharge(cost);
            return Offer.OVERFLOW;
        }
        Sinks.EmitResult result = outbox.tryEmitNext(json);
        if (result.isFailure()) {
            queued.decrementAndGet();
            uncharge(cost);
            return (result == Sinks.EmitResult.FAIL_OVERFLOW) ? Offer.OVERFLOW : Offer.CLOSED;
        }
        return Offer.QUEUED;
    }

    /** Queues {@code hello} and opens the connection for pushes. */
    synchronized Offer greet(String helloJson) {
        Offer offer = offer(helloJson, false);
        greeted = (offer == Offer.QUEUED);
        return offer;
    }

    void touch() {
        lastInboundNanos = System.nanoTime();
    }

    long lastInboundNanos() {
        return lastInboundNanos;
    }

    boolean isClosing() {
        return closing.get();
    }

    /**
     * Closes the socket once; later calls do nothing.
     * @return whether this call closed it
     */
    boolean close(CloseStatus status) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        closedAtNanos = System.nanoTime();
        closeStatus = status;
        synchronized (this) {
            // Wakes the outbound stream even when nothing else is waiting; it ends there.
            outbox.tryEmitNext(STOP);
        }
        return true;
    }

    /**
     * @return whether {@link #close} was called more than {@code graceNanos} before
     * {@code now} (and the connection is still here: its client has not taken the close)
     */
    boolean closedLongerThan(long graceNanos, long now) {
        long closedAt = closedAtNanos;
        return closedAt != 0 && now - closedAt > graceNanos;
    }

    /**
     * Drops the TCP connection without waiting any longer for the client to read the
     * close frame: a client that reads nothing would otherwise hold the socket, and the
     * frames queued for it, for ever.
     */
    void abort() {
        if (session instanceof ChatNettySession netty) {
            netty.abort();
        }
    }

    /** Ends the outbound stream (the inbound side has ended). */
    synchronized void completeOutbound() {
        closing.set(true);
        outbox.tryEmitComplete();
    }

    @Override
    public String toString() {
        return "Connection[" + connectionId + " user=" + principal.userId() + " device=" + principal.deviceId() + "]";
    }

}
