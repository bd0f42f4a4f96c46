package com.acme.chat.wsmanager.testsupport;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a raw WebSocket upgrade request and returns the HTTP answer, for handshakes that
 * are expected to be refused (the JDK WebSocket client does not expose the refused
 * response's body).
 */
public final class Handshakes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Handshakes() {
    }

    /**
     * @param status the HTTP status
     * @param contentType the response's content type
     * @param body the body as JSON (a missing node if it was empty)
     */
    public record Refusal(int status, String contentType, JsonNode body) {

        public String code() {
            return body.path("code").asString();
        }
    }

    public static Refusal upgrade(int port, String pathAndQuery, Map<String, String> headers) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return HttpClient.create().headers(h -> {
            h.set("Upgrade", "websocket");
            h.set("Connection", "Upgrade");
            h.set("Sec-WebSocket-Version", "13");
            h.set("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
            headers.forEach(h::set);
        })
            .get()
            .uri("http://127.0.0.1:" + port + pathAndQuery)
            .responseSingle((response, body) -> body.asString()
                .defaultIfEmpty("")
                .map(text -> new Refusal(response.status().code(),
                        String.valueOf(response.responseHeaders().get("Content-Type")),
                        text.isEmpty() ? JSON.missingNode() : JSON.readTree(text))))
            .block(Duration.ofSeconds(10));
    }

}
