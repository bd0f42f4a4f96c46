package com.acme.chat.common.protocol;

/**
 * WebSocket close codes the server uses (RFC 6455 section 7.4, plus application codes in
 * the 4000-4999 range), and what a client should do after each. Whenever the socket
 * closes, messages not yet acknowledged with {@link AckDelivery} stay queued for the
 * device and are delivered again on the next connection.
 */
public final class CloseCodes {

    /**
     * Normal closure, e.g. the client logged out; reconnect only when the user wants to.
     */
    public static final int NORMAL = 1000;

    /**
     * The server is shutting down or the client navigated away; reconnect with back-off.
     */
    public static final int GOING_AWAY = 1001;

    /**
     * The peer broke the protocol (e.g. binary frame); fix the client, do not retry in a
     * loop.
     */
    public static final int PROTOCOL_ERROR = 1002;

    /**
     * A policy was violated (e.g. repeated rate limiting); reconnect only after a long
     * back-off.
     */
    public static final int POLICY_VIOLATION = 1008;

    /**
     * A frame exceeded {@link ProtocolLimits#MAX_FRAME_BYTES}; reconnect and do not
     * resend that frame.
     */
    public static final int TOO_BIG = 1009;

    /**
     * A text frame that is not valid UTF-8 (RFC 6455 §8.1); the client has a bug and must
     * not resend that frame.
     */
    public static final int INVALID_PAYLOAD = 1007;

    /** Unexpected server fault; reconnect with back-off. */
    public static final int SERVER_ERROR = 1011;

    /** The server restarts (rolling deploy); reconnect soon, with jitter. */
    public static final int SERVICE_RESTART = 1012;

    /** The server is overloaded; reconnect with back-off. */
    public static final int TRY_AGAIN_LATER = 1013;

    /**
     * The same device opened a newer connection, which replaces this one (a device has at
     * most one). Do not reconnect automatically, or two connections of one device would
     * keep replacing each other.
     */
    public static final int REPLACED_BY_NEW_CONNECTION = 4001;

    /**
     * The access token expired during the session; obtain a new token, then reconnect.
     */
    public static final int TOKEN_EXPIRED = 4002;

    /**
     * No frame arrived within two {@link ProtocolLimits#HEARTBEAT_SECONDS heartbeat
     * intervals}; reconnect.
     */
    public static final int HEARTBEAT_TIMEOUT = 4003;

    /**
     * This device would be one more than the user's device limit (6 by default): do not
     * reconnect; remove a device of the user, or wait until an unused one is removed
     * after the idle period. The reason is {@code too_many_devices}.
     */
    public static final int TOO_MANY_DEVICES = 4004;

    /**
     * The user removed this device (from another device, {@code DELETE
     * /api/v1/devices/{deviceId}}); its queue is gone. Do not reconnect automatically:
     * connecting again makes it a new device with an empty queue. The reason is
     * {@code device_removed}.
     */
    public static final int DEVICE_REMOVED = 4005;

    /** The connection carried no valid credential; obtain a token before reconnecting. */
    public static final int UNAUTHENTICATED = 4401;

    private CloseCodes() {
    }

}
