package com.acme.chat.common.protocol;

/**
 * Size and timing limits of the WebSocket protocol, shared by the server (which enforces
 * them) and clients (which should not exceed them). Character counts are UTF-16 code
 * units, as {@link String#length()} counts them.
 */
public final class ProtocolLimits {

    /**
     * Largest accepted frame, in bytes of UTF-8 JSON; a larger one closes the socket with
     * {@link CloseCodes#TOO_BIG}.
     */
    public static final int MAX_FRAME_BYTES = 65536;

    /** Longest message text. */
    public static final int MAX_TEXT_CHARS = 4096;

    /**
     * Heartbeat interval announced in {@link Hello}: the client sends a frame (usually
     * {@link Ping}) at least this often, and the server closes a connection that stayed
     * silent for two intervals with {@link CloseCodes#HEARTBEAT_TIMEOUT}.
     */
    public static final int HEARTBEAT_SECONDS = 30;

    /** Longest client-chosen correlation id ({@link ClientFrame#id()}). */
    public static final int MAX_CORRELATION_ID_CHARS = 64;

    /** Most media attachments in one message. */
    public static final int MAX_MEDIA_PER_MESSAGE = 10;

    /** Most message ids acknowledged by one {@link AckDelivery}. */
    public static final int MAX_ACK_BATCH = 256;

    /** Most users in one {@link SubscribePresence}. */
    public static final int MAX_PRESENCE_SUBSCRIPTIONS = 256;

    /**
     * Longest media content type ({@code type/subtype}, each at most 127 characters by
     * RFC 6838).
     */
    public static final int MAX_CONTENT_TYPE_CHARS = 255;

    /**
     * Media assets are addressed by content: the SHA-256 of their bytes, as 64 lowercase
     * hex digits. Equal files share one stored object, and a hash can be verified against
     * the bytes.
     */
    public static final String ASSET_HASH_REGEX = "[0-9a-f]{64}";

    private ProtocolLimits() {
    }

}
