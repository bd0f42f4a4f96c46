package com.acme.chat.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that never read: {@code readers} devices connect with a small receive window
 * and then read nothing, while one sender sends each of them {@code messages} long
 * messages over REST. The handler must close each with 1013 once it holds its outbound
 * bound for it, and its heap must stay bounded; the heap itself is measured from outside
 * (jcmd on the handler) while this holds the sockets. Then every reader reads what the
 * kernel kept, reconnects as a normal client, and collects the rest from the replay:
 * nothing may be lost.
 * <p>
 * Arguments ({@code --name=value}): readers (20), messages per reader (300), text
 * characters (4000), hold s (30), ws (ws://127.0.0.1:8080/ws), api
 * (http://127.0.0.1:8081).
 */
public final class SlowReaders {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int readers;

    private final int messages;

    private final int textChars;

    private final int holdSeconds;

    private final URI ws;

    private final String api;

    SlowReaders(Map<String, String> options) {
        this.readers = Integer.parseInt(options.getOrDefault("readers", "20"));
        this.messages = Integer.parseInt(options.getOrDefault("messages", "300"));
        this.textChars = Integer.parseInt(options.getOrDefault("text", "4000"));
        this.holdSeconds = Integer.parseInt(options.getOrDefault("hold", "30"));
        this.ws = URI.create(options.getOrDefault("ws", "ws://127.0.0.1:8080/ws"));
        this.api = options.getOrDefault("api", "http://127.0.0.1:8081");
    }

    public static void main(String[] args) throws Exception {
        new SlowReaders(DevApi.options(args)).run();
        System.exit(0);
    }

    void run() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 6);
        String sender = "slow-" + runId + "-sender";
        String senderToken = DevApi.token(api, sender, 3600);
        List<String> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            String user = "slow-" + runId + "-r" + r;
            users.add(user);
            tokens.add(DevApi.token(api, user, 3600));
            sockets.add(nonReader(tokens.get(r)));
        }
        System.out.printf("slow: %d readers connected and not reading; sending %d messages of %d characters to each%n",
                readers, messages, textChars);
        // Three bytes a character on the wire: the kernel's socket buffers (megabytes on
        // loopback) fill with fewer messages; the handler's heap is charged per
        // character.
        String text = "\u20ac".repeat(textChars);
        // The protocol's heartbeat, so the handler does not close the readers for silence
        // (4003) while they hold still.
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleAtFixedRate(() -> sockets.forEach(SlowReaders::ping), 20, 20, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Integer>> sends = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            String to = users.get(r);
            sends.add(CompletableFuture.supplyAsync(() -> sendAll(senderToken, to, text), pool));
        }
        int accepted = sends.stream().mapToInt(CompletableFuture::join).sum();
        pool.shutdown();
        System.out.printf("slow: %d of %d sends acked; holding %d s (measure the handler's heap now)%n", accepted,
                readers * messages, holdSeconds);
        TimeUnit.SECONDS.sleep(holdSeconds);
        heartbeat.shutdownNow();

        int closed1013 = 0;
        List<Set<String>> receivedBy = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            receivedBy.add(received);
            int code = drain(sockets.get(r), received);
            if (code == 1013) {
                closed1013++;
            }
            int beforeReplay = received.size();
            collect(tokens.get(r), received);
            System.out.printf("slow: reader %d: close %d, %d messages before the close, %d after reconnecting%n", r,
                    code, beforeReplay, received.size() - beforeReplay);
        }
        // A push that raced the reconnect may have gone to the old connection (relay's
        // route cache); it stays queued and comes with the next replay.
        int late = 0;
        for (int r = 0; r < readers; r++) {
            Set<String> received = receivedBy.get(r);
            if (received.size() < messages) {
                int before = received.size();
                collect(tokens.get(r), received);
                late += received.size() - before;
            }
        }
        long lost = receivedBy.stream().mapToLong(received -> messages - received.size()).sum();
        System.out.printf("slow: %d of %d readers closed with 1013; %d messages came only on a second reconnect; "
                + "%d messages lost%n", closed1013, readers, late, lost);
    }

    private int sendAll(String token, String to, String text) {
        int acked = 0;
        for (int i = 0; i < messages; i++) {
            String body = JSON
                .writeValueAsString(Map.of("clientMsgId", UUID.randomUUID().toString(), "to", to, "text", text));
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    HttpResponse<String> response = DevApi.HTTP
                        .send(HttpRequest.newBuilder(URI.create(api + "/api/v1/messages"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 || response.statusCode() == 201) {
                        acked++;
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
                catch (Exception ex) {
                    // Retried with the same clientMsgId: idempotent.
                }
            }
        }
        return acked;
    }

    /** A client {@code ping} frame, masked as client frames must be (RFC 6455 §5.3). */
    private static void ping(Socket socket) {
        byte[] payload = "{\"type\":\"ping\",\"id\":\"hb\"}".getBytes(StandardCharsets.UTF_8);
        byte[] mask = { 1, 2, 3, 4 };
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        try {
            socket.getOutputStream().write(frame);
        }
        catch (IOException closed) {
            // Closed by the server: nothing to keep alive.
        }
    }

    private Socket nonReader(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
        String head = "GET " + ws.getPath() + "?deviceId=phone HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (!response.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed during the handshake: " + response);
            }
            response.write(b);
        }
        if (!response.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response);
        }
        return socket;
    }

    /**
     * Reads what the socket still delivers (frames the kernel held, then the close frame,
     * or the end of the connection), collecting message ids.
     * @return the close code, or -1 if the connection ended without one
     */
    private static int drain(Socket socket, Set<String> received) throws IOException {
        socket.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                }
                else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    return (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
                if (opcode == 0x1) {
                    JsonNode frame = JSON.readTree(payload);
                    if ("message".equals(frame.path("type").asString())) {
                        received.add(frame.path("messageId").asString());
                    }
                }
            }
        }
        catch (IOException ended) {
            return -1;
        }
        finally {
            socket.close();
        }
    }

    /**
     * Reconnects as a normal client, acknowledging everything, until all messages have
     * arrived or nothing came for 10 s.
     */
    private void collect(String token, Set<String> received) throws Exception {
        ConcurrentLinkedQueue<JsonNode> toAck = new ConcurrentLinkedQueue<>();
        WebSocket socket = DevApi.HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(URI.create(ws + "?deviceId=phone"), new JsonFrameListener() {

                @Override
                void handle(JsonNode frame) {
                    if ("message".equals(frame.path("type").asString())) {
                        received.add(frame.path("messageId").asString());
                        toAck.add(frame);
                    }
                }
            })
            .get(10, TimeUnit.SECONDS);
        int last = -1;
        long quietSince = System.nanoTime();
        // Until the replay has been quiet for 3 s (everything received) or 10 s
        // (something
        // missing).
        long quietFor = TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() - quietSince < ((received.size() < messages) ? 3 * quietFor : quietFor)) {
            TimeUnit.MILLISECONDS.sleep(100);
            JsonNode frame;
            while ((frame = toAck.poll()) != null) {
                String id = frame.path("messageId").asString();
                socket
                    .sendText(JSON.writeValueAsString(Map.of("type", "ack_delivery", "id", "a-" + id, "conversationId",
                            frame.path("conversationId").asString(), "messageIds", List.of(id))), true)
                    .get(5, TimeUnit.SECONDS);
            }
            if (received.size() != last) {
                last = received.size();
                quietSince = System.nanoTime();
            }
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.ExecutionException closed) {
            System.out.printf("slow: the reconnected client was closed by the server: %s%n", closed.getCause());
        }
    }

}
