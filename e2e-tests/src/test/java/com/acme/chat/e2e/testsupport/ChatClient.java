package com.acme.chat.e2e.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.awaitility.Awaitility.await;

/**
 * A WebSocket chat client written from docs/protocol.md only: JDK WebSocket, JSON frames,
 * nothing from the server's code. Keeps every frame it received so tests can wait for and
 * inspect them.
 */
public final class ChatClient implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String userId;

    private final String deviceId;

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private WebSocket socket;

    private ChatClient(String userId, String deviceId) {
        this.userId = userId;
        this.deviceId = deviceId;
    }

    /**
     * Connects with {@code Authorization: Bearer} (the native-client way) and waits for
     * {@code hello}.
     */
    public static ChatClient connect(String wsUrl, String userId, String token, String deviceId) {
        ChatClient client = new ChatClient(userId, deviceId);
        client.socket = HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create(wsUrl + "?deviceId=" + deviceId), client.listener())
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
        client.awaitFrame("hello", f -> true);
        return client;
    }

    public String userId() {
        return userId;
    }

    public String deviceId() {
        return deviceId;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {

            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.completeExceptionally(error);
            }
        };
    }

    /** Sends a raw text frame (tests use this for malformed input too). */
    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    public void send(ObjectNode frame) {
        sendRaw(JSON.writeValueAsString(frame));
    }

    /** Sends {@code send_message} and returns the frame id. */
    public String sendMessage(String to, String clientMsgId, String text) {
        String id = "f-" + UUID.randomUUID();
        ObjectNode frame = JSON.createObjectNode()
            .put("type", "send_message")
            .put("id", id)
            .put("clientMsgId", clientMsgId)
            .put("to", to)
            .put("text", text);
        send(frame);
        return id;
    }

    /** Sends a message and waits for its ack; returns the ack frame. */
    public JsonNode sendAndAwaitAck(String to, String clientMsgId, String text) {
        String id = sendMessage(to, clientMsgId, text);
        return awaitReply(id);
    }

    /** Waits for the ack, error or pong whose id is {@code id}. */
    public JsonNode awaitReply(String id) {
        return awaitFrame(null, f -> id.equals(f.path("id").asString(null)));
    }

    public JsonNode ackDelivery(String conversationId, List<String> messageIds) {
        String id = "f-" + UUID.randomUUID();
        ObjectNode frame = JSON.createObjectNode()
            .put("type", "ack_delivery")
            .put("id", id)
            .put("conversationId", conversationId);
        messageIds.forEach(frame.putArray("messageIds")::add);
        send(frame);
        return awaitReply(id);
    }

    public JsonNode markRead(String conversationId, long seq) {
        String id = "f-" + UUID.randomUUID();
        send(JSON.createObjectNode()
            .put("type", "mark_read")
            .put("id", id)
            .put("conversationId", conversationId)
            .put("seq", seq));
        return awaitReply(id);
    }

    /**
     * Waits until a frame of {@code type} (any type when null) matching {@code filter}
     * has arrived.
     */
    public JsonNode awaitFrame(String type, Predicate<JsonNode> filter) {
        return await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> find(type, filter), Optional::isPresent)
            .orElseThrow();
    }

    public Optional<JsonNode> find(String type, Predicate<JsonNode> filter) {
        return received.stream()
            .filter(f -> type == null || type.equals(f.path("type").asString()))
            .filter(filter)
            .findFirst();
    }

    /** All received frames of a type matching the filter, in arrival order. */
    public List<JsonNode> all(String type, Predicate<JsonNode> filter) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode frame : received) {
            if (type.equals(frame.path("type").asString()) && filter.test(frame)) {
                matches.add(frame);
            }
        }
        return matches;
    }

    /** The message frame carrying {@code messageId}, waiting for it. */
    public JsonNode awaitMessage(String messageId) {
        return awaitFrame("message", f -> messageId.equals(f.path("messageId").asString()));
    }

    public int awaitCloseCode() {
        return closeCode.orTimeout(20, TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /**
     * Drops the TCP connection the way a phone losing signal does: no close handshake.
     */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
        }
        socket.abort();
    }

}
