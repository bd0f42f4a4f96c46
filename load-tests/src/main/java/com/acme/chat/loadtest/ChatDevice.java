package com.acme.chat.loadtest;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One device of a user on one WebSocket, behaving like a real client: it waits for
 * {@code hello}, and acknowledges every {@code message} it receives with
 * {@code ack_delivery}, batched per conversation each time {@link #flushAcks()} runs
 * (else they pile up in relay's queue for the device). Sends are chained: the JDK socket
 * allows one pending send.
 * <p>
 * Subclasses see every received message ({@link #onMessage}) and every answer to a frame
 * they sent ({@link #onAnswer}); the acks of {@code ack_delivery} frames come there too,
 * with ids starting with {@value #ACK_ID_PREFIX}.
 */
abstract class ChatDevice extends JsonFrameListener {

    /** The prefix of the ids of the {@code ack_delivery} frames this class sends. */
    static final String ACK_ID_PREFIX = "a";

    private static final int PING_AFTER_SECONDS = 20;

    static final JsonMapper JSON = JsonMapper.builder().build();

    final String userId;

    private final ConcurrentLinkedQueue<String[]> toAck = new ConcurrentLinkedQueue<>();

    private final CompletableFuture<ChatDevice> hello = new CompletableFuture<>();

    /**
     * Completes with the close code and reason (or the error) when the server closes the
     * socket or it fails.
     */
    final CompletableFuture<String> closed = new CompletableFuture<>();

    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private volatile long lastSentAt = System.nanoTime();

    private long pings;

    private WebSocket socket;

    ChatDevice(String userId) {
        this.userId = userId;
    }

    /**
     * Opens the socket as device {@code deviceId}.
     * @return completes once the server said {@code hello}
     */
    CompletableFuture<ChatDevice> connect(String ws, String token, String deviceId) {
        return DevApi.HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(URI.create(ws + "?deviceId=" + deviceId), this)
            .thenCompose(s -> {
                socket = s;
                return hello;
            });
    }

    /**
     * Sends a text {@code send_message} frame.
     * @param recipient {@code to} (a user id) or {@code group} (a group id)
     */
    void sendMessage(String id, String clientMsgId, String recipient, String to, String text) {
        ObjectNode frame = JSON.createObjectNode()
            .put("type", "send_message")
            .put("id", id)
            .put("clientMsgId", clientMsgId)
            .put(recipient, to)
            .put("text", text);
        enqueue(JSON.writeValueAsString(frame));
    }

    private synchronized void enqueue(String text) {
        lastSentAt = System.nanoTime();
        lastSend = lastSend.thenCompose(v -> socket.sendText(text, true)).exceptionally(e -> null);
    }

    /**
     * Acknowledges what arrived since the last call: one frame per conversation and 256
     * ids; then pings if this device has sent nothing for {@value #PING_AFTER_SECONDS} s
     * (the server closes a device silent for 60 s, protocol §7).
     */
    void flushAcks() {
        try {
            sendAcks();
            if (socket != null && System.nanoTime() - lastSentAt > TimeUnit.SECONDS.toNanos(PING_AFTER_SECONDS)) {
                enqueue("{\"type\":\"ping\",\"id\":\"p" + (++pings) + "\"}");
            }
        }
        catch (RuntimeException ex) {
            // On the shared ack timer: one device's failure must not stop the others'
            // acks.
            System.err.println("acks of " + userId + ": " + ex);
        }
    }

    private void sendAcks() {
        Map<String, List<String>> byConversation = new HashMap<>();
        String[] ack;
        while ((ack = toAck.poll()) != null) {
            byConversation.computeIfAbsent(ack[0], k -> new ArrayList<>()).add(ack[1]);
        }
        byConversation.forEach((conversation, ids) -> {
            for (int i = 0; i < ids.size(); i += 256) {
                ObjectNode frame = JSON.createObjectNode()
                    .put("type", "ack_delivery")
                    .put("id", ACK_ID_PREFIX + UUID.randomUUID())
                    .put("conversationId", conversation);
                ids.subList(i, Math.min(ids.size(), i + 256)).forEach(frame.putArray("messageIds")::add);
                enqueue(JSON.writeValueAsString(frame));
            }
        });
    }

    @Override
    final void handle(JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "hello" -> hello.complete(this);
            case "message" -> {
                onMessage(frame);
                toAck.add(new String[] { frame.path("conversationId").asString(), frame.path("messageId").asString() });
            }
            case "ack", "error" -> onAnswer(frame.path("id").asString(""), frame);
            default -> {
            }
        }
    }

    /** A {@code message} frame (it is acknowledged after this returns). */
    abstract void onMessage(JsonNode frame);

    /** The {@code ack} or {@code error} answering the frame with this {@code id}. */
    abstract void onAnswer(String id, JsonNode frame);

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        hello.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        hello.completeExceptionally(error);
        closed.complete(error.getClass().getSimpleName());
    }

    void close() {
        socket.abort();
    }

}
