package com.acme.chat.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, for tests and benchmarks that must control
 * exactly what the client reads: after the handshake it reads nothing unless asked, and
 * its receive window is as small as the caller sets, so the server's buffers are what
 * fill. Frames from the server are unmasked and read one by one.
 */
public final class RawWebSocket implements AutoCloseable {

    /** Opcode of a text frame. */
    public static final int TEXT = 0x1;

    /** Opcode of a close frame. */
    public static final int CLOSE = 0x8;

    private final Socket socket;

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    /**
     * Opens {@code endpoint} ({@code ws://host:port/path}) as {@code deviceId} with a
     * bearer token and completes the handshake.
     * @param receiveBuffer the socket's receive buffer in bytes, set before connecting
     * @throws IOException if the connection fails or the server does not answer 101
     */
    public static RawWebSocket open(URI endpoint, String deviceId, String token, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
        String head = "GET " + endpoint.getPath() + "?deviceId=" + deviceId + " HTTP/1.1\r\nHost: " + endpoint.getHost()
                + ":" + endpoint.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (!response.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                socket.close();
                throw new EOFException("closed during the handshake: " + response);
            }
            response.write(b);
        }
        if (!response.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + response);
        }
        return new RawWebSocket(socket);
    }

    public Socket socket() {
        return socket;
    }

    /**
     * Reads the next frame, waiting at most {@code timeoutMillis}.
     * @throws IOException when the connection ends or the wait times out
     */
    public Frame next(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        DataInputStream in = new DataInputStream(socket.getInputStream());
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
        return new Frame(first & 0x0f, payload);
    }

    /**
     * Sends one frame with the payload as given (masked, as client frames must be), which
     * need not be valid UTF-8 even for a text frame.
     */
    public void send(int opcode, byte[] payload) throws IOException {
        if (payload.length > 65535) {
            throw new IllegalArgumentException("Frames over 65,535 bytes are not supported here");
        }
        byte[] mask = { 0x11, 0x22, 0x33, 0x44 };
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame.toByteArray());
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * A frame from the server.
     *
     * @param opcode {@link #TEXT}, {@link #CLOSE} or another RFC 6455 opcode
     * @param payload its bytes
     */
    public record Frame(int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame (1005 if it carries none). */
        public int closeCode() {
            return (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

    }

}
