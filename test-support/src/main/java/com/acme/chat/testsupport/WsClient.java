package com.acme.chat.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one WebSocket client of the tests: the JDK's {@link WebSocket} (through
 * {@link Http}'s client), a real handshake and JSON text frames written from
 * docs/protocol.md, nothing from the server's code. It records every frame it receives,
 * in arrival order, and the close code and reason the server sent.
 * <p>
 * Reading frames, two ways that do not disturb each other:
 * <ul>
 * <li>{@link #next()} and {@link #next(String)} read in arrival order, like a client's
 * receive loop: use them to assert what comes next and in which order;</li>
 * <li>{@link #awaitFrame}, {@link #find} and {@link #all} look at everything received so
 * far, whatever {@code next} has read: use them when other frames may interleave (pushes,
 * receipts, redeliveries).</li>
 * </ul>
 * Timeouts, the same for every test: {@link Http#CONNECT_TIMEOUT} to open the TCP
 * connection, {@link #HANDSHAKE_TIMEOUT} for the upgrade, {@link #SEND_TIMEOUT} per sent
 * frame, {@link #FRAME_TIMEOUT} to wait for a frame or the server's close, and
 * {@link #CLOSE_TIMEOUT} for the server to answer this client's close.
 * <p>
 * Sends are serialised, so a heartbeat thread and the test may share a client.
 */
public final class WsClient implements AutoCloseable {

    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long to wait for a frame or for the server to close. Long enough for a message
     * that crosses Kafka and three services on a busy 2-core machine; frames answered by
     * the handler itself arrive within milliseconds, so this only delays a failure.
     */
    public static final Duration FRAME_TIMEOUT = Duration.ofSeconds(20);

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(20);

    private final URI uri;

    private final Listener listener;

    private final WebSocket socket;

    private final Object sendLock = new Object();

    private int cursor;

    private WsClient(URI uri, Listener listener, WebSocket socket) {
        this.uri = uri;
        this.listener = listener;
        this.socket = socket;
    }

    /**
     * A handshake with the endpoint, e.g. {@code ws://127.0.0.1:8080/ws}, to which
     * headers and query parameters are added before connecting.
     */
    public static Handshake to(String endpoint) {
        return new Handshake(endpoint);
    }

    /** The WebSocket endpoint of a websocket-manager listening on this machine. */
    public static String local(int port) {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /**
     * Connects as a native app does: {@code Authorization: Bearer} and the device in the
     * query. Does not wait for {@code hello}.
     */
    public static WsClient connect(String endpoint, String deviceId, String token) {
        return to(endpoint).bearer(token).deviceId(deviceId).connect();
    }

    // Sending

    /** Sends one text frame as given (tests use this for malformed input too). */
    public void send(String text) {
        synchronized (sendLock) {
            join(socket.sendText(text, true), "sending a text frame");
        }
    }

    public void send(JsonNode frame) {
        send(Json.write(frame));
    }

    public void sendBinary(byte[] bytes) {
        synchronized (sendLock) {
            join(socket.sendBinary(ByteBuffer.wrap(bytes), true), "sending a binary frame");
        }
    }

    /** A client frame of the given type with a fresh {@code id}, to fill in and send. */
    public static ObjectNode frame(String type) {
        return Json.MAPPER.createObjectNode().put("type", type).put("id", "f-" + UUID.randomUUID());
    }

    /** Sends {@code send_message} and returns the frame id. */
    public String sendMessage(String to, String clientMsgId, String text) {
        ObjectNode frame = frame("send_message").put("clientMsgId", clientMsgId).put("to", to).put("text", text);
        send(frame);
        return frame.path("id").asString();
    }

    /** Sends {@code send_message} to a group and returns the frame id. */
    public String sendGroupMessage(String group, String clientMsgId, String text) {
        ObjectNode frame = frame("send_message").put("clientMsgId", clientMsgId).put("group", group).put("text", text);
        send(frame);
        return frame.path("id").asString();
    }

    /** Sends a message and waits for the answer to it; returns the ack. */
    public JsonNode sendAndAwaitAck(String to, String clientMsgId, String text) {
        JsonNode reply = awaitReply(sendMessage(to, clientMsgId, text));
        assertThat(reply.path("type").asString()).as(reply.toString()).isEqualTo("ack");
        return reply;
    }

    /** Sends {@code ack_delivery} and returns the answer to it. */
    public JsonNode ackDelivery(String conversationId, List<String> messageIds) {
        ObjectNode frame = frame("ack_delivery").put("conversationId", conversationId);
        messageIds.forEach(frame.putArray("messageIds")::add);
        send(frame);
        return awaitReply(frame.path("id").asString());
    }

    /** Sends {@code mark_read} and returns the answer to it. */
    public JsonNode markRead(String conversationId, long seq) {
        ObjectNode frame = frame("mark_read").put("conversationId", conversationId).put("seq", seq);
        send(frame);
        return awaitReply(frame.path("id").asString());
    }

    /**
     * A ping round trip: everything the server sent before the pong has been received
     * once this returns.
     * @return the pong
     */
    public JsonNode pingAndAwaitPong() {
        ObjectNode ping = frame("ping");
        send(ping);
        JsonNode pong = awaitReply(ping.path("id").asString());
        assertThat(pong.path("type").asString()).as(pong.toString()).isEqualTo("pong");
        return pong;
    }

    // Receiving, in arrival order

    /** Reads the next frame, waiting for it. */
    public JsonNode next() {
        return next(frame -> true, "any frame");
    }

    /**
     * Reads up to and including the next frame of the given type, skipping others (e.g.
     * redelivered messages).
     */
    public JsonNode next(String type) {
        return next(frame -> type.equals(frame.path("type").asString()), "a " + type + " frame");
    }

    private synchronized JsonNode next(Predicate<JsonNode> wanted, String what) {
        int from = cursor;
        int index = await().atMost(FRAME_TIMEOUT)
            .pollInterval(POLL)
            .alias(what + " after the " + from + " frame(s) already read from " + uri)
            .until(() -> indexOf(wanted, from), found -> found >= 0);
        cursor = index + 1;
        return listener.frames.get(index);
    }

    private int indexOf(Predicate<JsonNode> wanted, int from) {
        List<JsonNode> frames = listener.frames;
        for (int i = from; i < frames.size(); i++) {
            if (wanted.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    // Receiving, among everything received

    /**
     * Waits until a frame of {@code type} (any type when null) matching {@code filter}
     * has arrived, and returns the first such.
     */
    public JsonNode awaitFrame(String type, Predicate<JsonNode> filter) {
        return await().atMost(FRAME_TIMEOUT)
            .pollInterval(POLL)
            .alias("a " + ((type != null) ? type : "") + " frame matching the filter from " + uri)
            .until(() -> find(type, filter), Optional::isPresent)
            .orElseThrow();
    }

    /** Waits for the ack, error or pong whose id is {@code id}. */
    public JsonNode awaitReply(String id) {
        return awaitFrame(null, frame -> id.equals(frame.path("id").asString(null)));
    }

    /** Waits for the {@code message} frame carrying {@code messageId}. */
    public JsonNode awaitMessage(String messageId) {
        return awaitFrame("message", frame -> messageId.equals(frame.path("messageId").asString()));
    }

    /**
     * The first frame received so far of {@code type} (any type when null) matching
     * {@code filter}.
     */
    public Optional<JsonNode> find(String type, Predicate<JsonNode> filter) {
        return all(type, filter).stream().findFirst();
    }

    /**
     * Every frame received so far of {@code type} (any type when null) matching
     * {@code filter}, in arrival order.
     */
    public List<JsonNode> all(String type, Predicate<JsonNode> filter) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode frame : listener.frames) {
            if ((type == null || type.equals(frame.path("type").asString())) && filter.test(frame)) {
                matches.add(frame);
            }
        }
        return matches;
    }

    // Closing

    /** Waits up to {@link #FRAME_TIMEOUT} for the server to close the connection. */
    public Close awaitClose() {
        return awaitClose(FRAME_TIMEOUT);
    }

    /**
     * Waits for the server to close the connection.
     * @return the close code and reason the server sent
     */
    public Close awaitClose(Duration timeout) {
        try {
            return listener.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new AssertionError("Not closed within " + timeout + ": " + uri, ex);
        }
        catch (ExecutionException ex) {
            throw new AssertionError("Failed instead of closing: " + uri, ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Whether the server closed the connection or it failed. */
    public boolean isClosed() {
        return listener.closed.isDone();
    }

    /**
     * Drops the TCP connection the way a phone losing signal does: no close handshake.
     */
    public void drop() {
        socket.abort();
    }

    /**
     * Closes normally (1000), waits up to {@link #CLOSE_TIMEOUT} for the server's close
     * frame (so that the server has seen the close), then releases the connection.
     */
    @Override
    public void close() {
        try {
            synchronized (sendLock) {
                if (!socket.isOutputClosed()) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                        .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            listener.closed.handle((close, failure) -> close).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            // Already closed or gone: nothing left to wait for.
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            socket.abort();
        }
    }

    private void join(CompletableFuture<?> sent, String what) {
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(what + " to " + uri + " failed", ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException(what + " to " + uri + " took longer than " + SEND_TIMEOUT, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * How the server closed a connection.
     *
     * @param code the close code
     * @param reason the reason, empty if none
     */
    public record Close(int code, String reason) {
    }

    /**
     * A handshake refused with an HTTP answer.
     *
     * @param status the HTTP status
     * @param contentType the response's content type, empty if none
     * @param body the body as JSON (a missing node if it was empty)
     */
    public record Refusal(int status, String contentType, JsonNode body) {

        /** The ProblemDetail's stable error code. */
        public String code() {
            return body.path("code").asString();
        }
    }

    /**
     * One handshake being built: headers and query parameters, then {@link #connect()} or
     * {@link #refused()}.
     */
    public static final class Handshake {

        private final StringBuilder uri;

        private final Map<String, String> headers = new LinkedHashMap<>();

        private Handshake(String endpoint) {
            this.uri = new StringBuilder(endpoint);
        }

        /** {@code Authorization: Bearer <token>}, the native-client way. */
        public Handshake bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** The {@code deviceId} query parameter. */
        public Handshake deviceId(String deviceId) {
            return query("deviceId", deviceId);
        }

        /**
         * The {@code ticket} query parameter: the browser way, with no token on the
         * socket.
         */
        public Handshake ticket(String ticket) {
            return query("ticket", ticket);
        }

        /** {@code Origin}, as a browser sends it. */
        public Handshake origin(String origin) {
            return header("Origin", origin);
        }

        public Handshake header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A query parameter, percent-encoded (a space is {@code %20}). */
        public Handshake query(String name, String value) {
            uri.append((uri.indexOf("?") < 0) ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            return this;
        }

        /**
         * Connects; a refused handshake fails the test with the server's answer.
         */
        public WsClient connect() {
            Listener listener = new Listener();
            URI target = URI.create(uri.toString());
            try {
                return new WsClient(target, listener, open(target, listener));
            }
            catch (ExecutionException ex) {
                Optional<Refusal> refusal = refusal(ex);
                throw new AssertionError(refusal.map(r -> "Handshake with " + target + " refused: " + r)
                    .orElse("Cannot connect to " + target), ex.getCause());
            }
        }

        /**
         * Expects the server to refuse the handshake.
         * @return the refusal's HTTP answer
         */
        public Refusal refused() {
            URI target = URI.create(uri.toString());
            WebSocket socket;
            try {
                socket = open(target, new Listener());
            }
            catch (ExecutionException ex) {
                return refusal(ex)
                    .orElseThrow(() -> new AssertionError("Handshake with " + target + " failed without an HTTP answer",
                            ex.getCause()));
            }
            socket.abort();
            throw new AssertionError("Handshake with " + target + " was accepted, expected a refusal");
        }

        private WebSocket open(URI target, Listener listener) throws ExecutionException {
            WebSocket.Builder builder = Http.CLIENT.newWebSocketBuilder().connectTimeout(Http.CONNECT_TIMEOUT);
            headers.forEach(builder::header);
            try {
                return builder.buildAsync(target, listener).get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException ex) {
                throw new AssertionError("No handshake answer from " + target + " within " + HANDSHAKE_TIMEOUT, ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        private static Optional<Refusal> refusal(Throwable failure) {
            Throwable cause = failure;
            while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                return Optional.empty();
            }
            HttpResponse<?> response = ((WebSocketHandshakeException) cause).getResponse();
            String body = (response.body() != null) ? response.body().toString() : "";
            return Optional
                .of(new Refusal(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        body.isEmpty() ? Json.MAPPER.missingNode() : Json.read(body)));
        }

    }

    /**
     * Records whole text frames as JSON trees (reassembling fragments) and the close. The
     * JDK calls it for one event at a time.
     */
    private static final class Listener implements WebSocket.Listener {

        final List<JsonNode> frames = new CopyOnWriteArrayList<>();

        final CompletableFuture<Close> closed = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(parse(partial.toString()));
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        /**
         * A frame that is not JSON is kept as a text node, so that tests fail on it
         * visibly.
         */
        private static JsonNode parse(String text) {
            try {
                return Json.read(text);
            }
            catch (RuntimeException ex) {
                return Json.MAPPER.getNodeFactory().textNode(text);
            }
        }

    }

}
