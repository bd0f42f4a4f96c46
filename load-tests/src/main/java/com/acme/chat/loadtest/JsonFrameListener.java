package com.acme.chat.loadtest;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket listener that reassembles text frames and hands each whole JSON frame to
 * {@link #handle}.
 * <p>
 * Not test-support's {@code WsClient} on purpose: that one keeps every frame and blocks
 * the caller until a frame arrives, which suits a test's few sockets but not thousands of
 * sockets for minutes; and this generator is a runnable program, which should not carry
 * JUnit, AssertJ, Awaitility and the stack launcher on its class path.
 */
abstract class JsonFrameListener implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            handle(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** One frame from the server, on the client's listener thread. */
    abstract void handle(JsonNode frame);

}
