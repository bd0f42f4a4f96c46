package com.acme.chat.wsmanager.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream service (messaging, relay) as websocket-manager's tests play it: a JDK
 * HTTP server on a free loopback port, each request answered by the test's
 * {@link Handler} on a thread of its own (so an answer may wait for a latch).
 */
public final class StubServer {

    /** What the stub answers. */
    public record Answer(int status, String contentType, String body) {

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }

    }

    /** A request as the stub saw it. */
    public record Request(String path, String body, HttpExchange exchange) {

        /** A request header, or null. */
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {

        Answer answer(Request request) throws IOException;

    }

    private final HttpServer server;

    public StubServer(String name, Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", exchange -> respond(exchange, handler));
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, Handler handler) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer = handler.answer(new Request(exchange.getRequestURI().getPath(), body, exchange));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
