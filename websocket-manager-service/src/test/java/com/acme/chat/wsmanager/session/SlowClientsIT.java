package com.acme.chat.wsmanager.session;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.RawWebSocket;
import com.acme.chat.testsupport.TestTokens;
import com.acme.chat.testsupport.WsClient;
import com.acme.chat.wsmanager.config.WsManagerProperties;
import com.acme.chat.wsmanager.testsupport.StubRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that do not play along cannot hold the handler's memory or its connections: a
 * WebSocket client that never reads is closed with 1013 once it holds its outbound byte
 * bound, and gives the bytes back; an HTTP client that never finishes its request head,
 * trickles it, or idles between requests is disconnected. Raw sockets, so the test
 * controls exactly what the client reads and writes.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.wsmanager.handler-id=it-slow-${random.uuid}",
        "chat.wsmanager.outbound-queue-bytes=64KB", "chat.wsmanager.request-headers-timeout=2s",
        "chat.wsmanager.http-idle-timeout=2s", "chat.wsmanager.request-body-timeout=2s", "chat.wsmanager.heartbeat=3s",
        "chat.wsmanager.close-grace=2s" })
@Timeout(90)
class SlowClientsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        StubRelay.use(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    RouteKeys keys;

    @Autowired
    WsManagerProperties properties;

    @Autowired
    OutboundBudget budget;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatNeverReadsIsClosedWith1013AtItsByteBoundAndGivesTheBytesBack() throws IOException {
        String user = "s-" + UUID.randomUUID().toString().substring(0, 13);
        double closedBefore = slowConsumerCloses();
        try (RawWebSocket socket = nonReader(user)) {
            long most = pushUntilClosed(user, closedBefore);
            assertThat(most).isLessThanOrEqualTo(properties.outboundQueueBytes().toBytes());

            // Reading now, the client finds the frames the kernel held, then the close.
            assertThat(closeCode(socket)).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
            // It never answers the close: the server drops the connection after its
            // grace,
            // and nothing stays charged.
            await().atMost(WAIT).until(() -> budget.used() == 0);
            assertDisconnectedWithin(socket.socket(), WAIT);
        }
    }

    @Test
    void aClosedClientThatReadsNothingIsDroppedAfterTheGraceAndGivesTheBytesBack() throws IOException {
        String user = "s-" + UUID.randomUUID().toString().substring(0, 13);
        double closedBefore = slowConsumerCloses();
        try (RawWebSocket socket = nonReader(user)) {
            pushUntilClosed(user, closedBefore);
            // Still not reading anything.
            await().atMost(WAIT).until(() -> budget.used() == 0);
        }
    }

    @Test
    void anUnfinishedRequestHeadIsDisconnected() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                .write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertDisconnectedWithin(socket, Duration.ofSeconds(8));
        }
    }

    @Test
    void aRequestHeadTrickledByteByByteIsDisconnectedAtTheDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            byte[] head = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(200))
                .getBytes(StandardCharsets.US_ASCII);
            long started = System.nanoTime();
            try {
                for (byte b : head) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            }
            catch (SocketException closed) {
                // Closed while trickling: what the deadline is for.
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            assertDisconnectedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void aConnectionIdleBeforeAnyRequestIsDisconnected() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertDisconnectedWithin(socket, Duration.ofSeconds(8));
        }
    }

    @Test
    void anUpgradedConnectionOutlivesTheHttpTimeouts() throws InterruptedException {
        String user = "s-" + UUID.randomUUID().toString().substring(0, 13);
        try (WsClient client = WsClient.connect(WsClient.local(port), "phone-1", TestTokens.forUser(user))) {
            client.next("hello");
            Thread.sleep(5_000);
            assertThat(client.pingAndAwaitPong().path("type").asString()).isEqualTo("pong");
        }
    }

    /**
     * Pushes long messages to the user's phone until the handler closes it as a slow
     * consumer.
     * @return the most the handler's connections held meanwhile
     */
    private long pushUntilClosed(String user, double closedBefore) {
        long most = 0;
        int pushed = 0;
        ConversationId conversation = ConversationId.direct(UserId.of(user), UserId.of("bob"));
        // Three bytes a character on the wire: the kernel's buffers (which may grow to
        // megabytes on loopback) fill in fewer pushes.
        String text = "\u20ac".repeat(4000);
        String channel = keys.handlerChannel(properties.handlerId());
        while (slowConsumerCloses() == closedBefore && pushed < 10_000) {
            List<Mono<Long>> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pushed++;
                MessageFrame frame = new MessageFrame(MessageId.of("m-" + UUID.randomUUID()), conversation, pushed,
                        UserId.of("bob"), DeviceId.of("bob-phone"), null, text, List.of(),
                        Instant.parse("2026-12-07T10:00:00Z"));
                batch.add(redis.convertAndSend(channel,
                        Json.write(new HandlerMessage.Deliver(UserId.of(user), DeviceId.of("phone-1"), null, frame))));
            }
            Mono.when(batch).block(WAIT);
            most = Math.max(most, budget.used());
        }
        assertThat(slowConsumerCloses()).as("closed as a slow consumer after %d pushes", pushed)
            .isGreaterThan(closedBefore);
        System.out.printf("closed as a slow consumer after %d pushes, at most %d bytes held%n", pushed, most);
        return most;
    }

    private double slowConsumerCloses() {
        Counter counter = meters.find("chat.wsmanager.connections.closed").tag("reason", "slow_consumer").counter();
        return (counter == null) ? 0 : counter.count();
    }

    /**
     * A WebSocket of {@code user}'s phone that reads nothing after the handshake, with a
     * small receive window, so the kernel's buffers fill quickly and the server's outbox
     * is what grows.
     */
    private RawWebSocket nonReader(String user) throws IOException {
        RawWebSocket socket = RawWebSocket.open(URI.create(WsClient.local(port)), "phone-1", TestTokens.forUser(user),
                4096);
        // Hello is sent once the route is registered; wait for it, still without reading.
        await().atMost(WAIT).until(() -> redis.hasKey(keys.route(UserId.of(user), DeviceId.of("phone-1"))).block());
        return socket;
    }

    /** Reads server frames until a close frame, and returns its code. */
    private static int closeCode(RawWebSocket socket) throws IOException {
        while (true) {
            RawWebSocket.Frame frame = socket.next((int) WAIT.toMillis());
            if (frame.opcode() == RawWebSocket.CLOSE) {
                return frame.closeCode();
            }
        }
    }

    private static void assertDisconnectedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        long started = System.nanoTime();
        int read;
        try {
            read = socket.getInputStream().read();
        }
        catch (SocketException reset) {
            read = -1;
        }
        assertThat(read).as("end of stream").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
    }

}
