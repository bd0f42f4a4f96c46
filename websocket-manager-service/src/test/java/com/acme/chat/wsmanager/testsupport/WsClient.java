package com.acme.chat.wsmanager.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client as an app would use it: the JDK's {@link WebSocket}, real handshake,
 * text frames. Collects received frames as JSON trees and the close code the server sent.
 */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;

    private final Listener listener;

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Connects with {@code Authorization: Bearer}. */
    public static WsClient connect(int port, String deviceId, String token) {
        return connect(URI.create("ws://127.0.0.1:" + port + "/ws?deviceId=" + deviceId),
                Map.of("Authorization", "Bearer " + token));
    }

    public static WsClient connect(URI uri, Map<String, String> headers) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            WebSocket socket = builder.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
            return new WsClient(socket, listener);
        }
        catch (ExecutionException ex) {
            throw new CompletionException(ex.getCause());
        }
        catch (InterruptedException | TimeoutException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The HTTP status of a handshake that was refused, or -1 if the failure was something
     * else.
     */
    public static int handshakeStatus(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        return (cause == null) ? -1 : ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Waits for the next frame. */
    public JsonNode next() {
        return next(Duration.ofSeconds(10));
    }

    public JsonNode next(Duration timeout) {
        try {
            String frame = listener.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError(
                        "No frame within " + timeout + " (closed: " + listener.closeCode.getNow(null) + ")");
            }
            return JSON.readTree(frame);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Waits for the next frame of the given type, skipping others (e.g. redelivered
     * messages).
     */
    public JsonNode next(String type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
    }

    /** The close code the server sent, waiting up to the timeout. */
    public int closeCode(Duration timeout) {
        try {
            return listener.closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new AssertionError("Not closed within " + timeout, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public boolean isClosedByServer() {
        return listener.closeCode.isDone();
    }

    /** Closes normally (1000) and waits for the server's close frame. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(ex -> null);
        }
        listener.closeCode.completeOnTimeout(-1, 5, TimeUnit.SECONDS).join();
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-2);
        }

    }

}
