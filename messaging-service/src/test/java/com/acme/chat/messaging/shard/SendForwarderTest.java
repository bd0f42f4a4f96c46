package com.acme.chat.messaging.shard;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a forwarded send carries to the owner of its shard, against a local stub owner:
 * the caller's token and device, the forwarded mark, and the client's address, which the
 * owner limits {@code send-ip} by.
 */
class SendForwarderTest {

    private HttpServer owner;

    private final BlockingQueue<Headers> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();
    }

    @AfterEach
    void stop() {
        owner.stop(0);
    }

    @Test
    void forwardsTheClientsAddressWithTheCallersCredentials() throws InterruptedException {
        SendForwarder forwarder = new SendForwarder(RestClient.builder(), new OwnershipProperties("messaging", 16,
                Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(1), null, Duration.ofSeconds(5)));
        HttpHeaders incoming = new HttpHeaders();
        incoming.set(HttpHeaders.AUTHORIZATION, "Bearer the-token");
        incoming.set("X-Device-Id", "phone-1");
        incoming.set("X-Forwarded-For", "198.51.100.1, 203.0.113.7");

        ResponseEntity<byte[]> answer = forwarder.forward(
                new NotOwnerException(3, Optional.of("http://127.0.0.1:" + owner.getAddress().getPort())),
                "/api/v1/messages", Map.of("text", "hi"), incoming, "203.0.113.7");

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        Headers headers = received.poll(5, TimeUnit.SECONDS);
        assertThat(headers).isNotNull();
        assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer the-token");
        assertThat(headers.getFirst("X-Device-Id")).isEqualTo("phone-1");
        assertThat(headers.getFirst(SendForwarder.FORWARDED)).isEqualTo("1");
        assertThat(headers.get("X-Forwarded-For")).containsExactly("203.0.113.7");
    }

}
