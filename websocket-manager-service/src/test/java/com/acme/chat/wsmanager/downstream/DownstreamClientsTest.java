package com.acme.chat.wsmanager.downstream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.SendMessage;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exact HTTP calls made to messaging and relay, against a local stub server (no real
 * services needed).
 */
class DownstreamClientsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ConnectionPrincipal ALICE = new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"),
            "the-token", null, "203.0.113.7");

    private HttpServer server;

    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

    private volatile int status = 200;

    private volatile String responseBody = "";

    private volatile long delayMillis;

    record Recorded(String method, String path, String authorization, String deviceHeader, String contentType,
            String body, List<String> forwardedFor) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Device-Id"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of())));
        try {
            Thread.sleep(delayMillis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
        if (responseBody.startsWith("{") && status >= 400) {
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        }
        else if (responseBody.startsWith("{")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private WsManagerProperties properties(Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new WsManagerProperties("h", Duration.ofSeconds(90), Duration.ofSeconds(30), List.of(), base, base,
                timeout, Duration.ofSeconds(30), 1024, 100, Duration.ofSeconds(60), Duration.ofSeconds(30),
                DataSize.ofKilobytes(256), null, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(5), 200, 20);
    }

    private Recorded recorded() throws InterruptedException {
        Recorded request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request;
    }

    @Test
    void sendPostsTheMessageAsTheUserFromTheirAddressAndReadsTheStoredMessage() throws InterruptedException {
        status = 201;
        responseBody = "{\"messageId\":\"m-1\",\"conversationId\":\"d:alice:bob\",\"seq\":42,"
                + "\"sentAt\":\"2026-11-27T21:07:41.123Z\",\"duplicate\":false,\"extra\":1}";
        MessagingClient messaging = new MessagingClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        MessagingClient.StoredMessage stored = messaging
            .send(ALICE, SendMessage.toUser("f-1", ClientMessageId.of("c-1"), UserId.of("bob"), "hi Bob"))
            .block();

        assertThat(stored).isEqualTo(new MessagingClient.StoredMessage(MessageId.of("m-1"),
                ConversationId.of("d:alice:bob"), 42, Instant.parse("2026-11-27T21:07:41.123Z"), false));
        Recorded request = recorded();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/messages");
        assertThat(request.authorization()).isEqualTo("Bearer the-token");
        assertThat(request.forwardedFor()).as("the client's address").containsExactly("203.0.113.7");
        assertThat(request.deviceHeader()).isEqualTo("phone-1");
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("clientMsgId", "to", "text", "media");
        assertThat(body.path("clientMsgId").asString()).isEqualTo("c-1");
        assertThat(body.path("to").asString()).isEqualTo("bob");
        assertThat(body.path("text").asString()).isEqualTo("hi Bob");
        assertThat(body.path("media").isArray()).isTrue();
    }

    @Test
    void replayPostsThePositionAsTheUserAndReadsThePage() throws InterruptedException {
        responseBody = "{\"messages\":[{\"type\":\"message\",\"messageId\":\"m-1\",\"conversationId\":"
                + "\"d:alice:bob\",\"seq\":7,\"sender\":\"bob\",\"senderDevice\":\"phone\",\"text\":\"hi\","
                + "\"media\":[],\"sentAt\":\"2026-11-27T21:07:41.123Z\"}],"
                + "\"next\":{\"conversationId\":\"d:alice:bob\",\"seq\":7}}";
        RelayClient relay = new RelayClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        ReplayPage page = relay.replay(ALICE, new ReplayPage.Position("d:alice:bob", 3), 100).block();

        assertThat(page.messages()).extracting(message -> message.messageId().value()).containsExactly("m-1");
        assertThat(page.next()).isEqualTo(new ReplayPage.Position("d:alice:bob", 7));
        Recorded request = recorded();
        assertThat(request.path()).isEqualTo("/api/v1/devices/phone-1/replay");
        assertThat(request.authorization()).isEqualTo("Bearer the-token");
        assertThat(request.forwardedFor()).as("the client's address").containsExactly("203.0.113.7");
        assertThat(JSON.readTree(request.body()))
            .isEqualTo(JSON.readTree("{\"after\":{\"conversationId\":\"d:alice:bob\",\"seq\":3},\"limit\":100}"));
    }

    @Test
    void aConnectionWithoutAKnownAddressForwardsNone() throws InterruptedException {
        MessagingClient messaging = new MessagingClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        messaging
            .registerUser(new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"), "the-token", null, null))
            .block();

        assertThat(recorded().forwardedFor()).isEmpty();
    }

    @Test
    void problemDetailBecomesAProblemWithCodeAndDetail() {
        status = 404;
        responseBody = "{\"type\":\"urn:chat:problem:unknown_user\",\"title\":\"Unknown user\",\"status\":404,"
                + "\"detail\":\"No user 'zed'\",\"code\":\"unknown_user\"}";
        MessagingClient messaging = new MessagingClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        assertThatThrownBy(() -> messaging
            .send(ALICE, SendMessage.toUser("f-1", ClientMessageId.of("c-1"), UserId.of("zed"), "hi"))
            .block()).isInstanceOfSatisfying(DownstreamException.class, ex -> {
                assertThat(ex.kind()).isEqualTo(DownstreamException.Kind.PROBLEM);
                assertThat(ex.status()).isEqualTo(404);
                assertThat(ex.code()).isEqualTo("unknown_user");
                assertThat(ex.detail()).isEqualTo("No user 'zed'");
            });
    }

    @Test
    void errorWithoutProblemBodyKeepsTheStatus() {
        status = 502;
        responseBody = "<html>bad gateway</html>";
        MessagingClient messaging = new MessagingClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        assertThatThrownBy(() -> messaging.markRead(ALICE, ConversationId.of("d:alice:bob"), 3).block())
            .isInstanceOfSatisfying(DownstreamException.class, ex -> {
                assertThat(ex.kind()).isEqualTo(DownstreamException.Kind.PROBLEM);
                assertThat(ex.status()).isEqualTo(502);
                assertThat(ex.code()).isNull();
            });
    }

    @Test
    void slowServiceTimesOutAsUnavailable() {
        delayMillis = 1500;
        status = 204;
        MessagingClient messaging = new MessagingClient(properties(Duration.ofMillis(300)), JSON, WebClient.builder());

        assertThatThrownBy(() -> messaging.markRead(ALICE, ConversationId.of("d:alice:bob"), 3).block())
            .isInstanceOfSatisfying(DownstreamException.class,
                    ex -> assertThat(ex.kind()).isEqualTo(DownstreamException.Kind.UNAVAILABLE));
    }

    @Test
    void refusedConnectionIsUnavailable() {
        URI closed = URI.create("http://127.0.0.1:1");
        MessagingClient messaging = new MessagingClient(
                new WsManagerProperties("h", Duration.ofSeconds(90), Duration.ofSeconds(30), List.of(), closed, closed,
                        Duration.ofSeconds(5), Duration.ofSeconds(30), 1024, 100, Duration.ofSeconds(60),
                        Duration.ofSeconds(30), DataSize.ofKilobytes(256), null, Duration.ofSeconds(10),
                        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(5), 200, 20),
                JSON, WebClient.builder());

        assertThatThrownBy(() -> messaging.registerUser(ALICE).block()).isInstanceOfSatisfying(
                DownstreamException.class, ex -> assertThat(ex.kind()).isEqualTo(DownstreamException.Kind.UNAVAILABLE));
    }

    @Test
    void markReadPostsTheSeqToTheConversation() throws InterruptedException {
        status = 204;
        MessagingClient messaging = new MessagingClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        messaging.markRead(ALICE, ConversationId.of("d:alice:bob"), 42).block();

        Recorded request = recorded();
        assertThat(request.method()).isEqualTo("POST");
        // The id is one encoded path segment (':' as %3A); servers decode it back to
        // d:alice:bob.
        assertThat(java.net.URLDecoder.decode(request.path(), StandardCharsets.UTF_8))
            .isEqualTo("/api/v1/conversations/d:alice:bob/read");
        assertThat(request.authorization()).isEqualTo("Bearer the-token");
        assertThat(request.forwardedFor()).as("the client's address").containsExactly("203.0.113.7");
        assertThat(JSON.readTree(request.body()).path("seq").asLong()).isEqualTo(42);
    }

    @Test
    void registerUserGetsMe() throws InterruptedException {
        responseBody = "{\"userId\":\"alice\"}";
        MessagingClient messaging = new MessagingClient(properties(Duration.ofSeconds(5)), JSON, WebClient.builder());

        messaging.registerUser(ALICE).block();

        Recorded request = recorded();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v1/users/me");
        assertThat(request.authorization()).isEqualTo("Bearer the-token");
        assertThat(request.forwardedFor()).as("the client's address").containsExactly("203.0.113.7");
    }

}
