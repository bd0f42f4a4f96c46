package com.acme.chat.common.error;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error a client can see, over REST (as a {@code ProblemDetail} with type
 * {@code urn:chat:problem:<code>} and a {@code code} property) and over the WebSocket (as
 * an {@code error} frame), so clients handle one vocabulary.
 * <p>
 * {@link #code()} is the stable wire identifier: lower_snake, never renamed or reused.
 * New codes may be added at any time, so clients must treat an unknown code like its HTTP
 * status class. {@link #title()} is a default human-readable text, not for clients to
 * parse. {@link #retryable()} says whether repeating the same request unchanged, after a
 * back-off, can succeed; every write that may be retried is idempotent (messages by their
 * {@code clientMsgId}), so a retry never duplicates.
 */
public enum ErrorCode {

    /**
     * A request or frame failed validation (missing field, bad format, value out of
     * range).
     */
    VALIDATION_FAILED(400, "validation_failed", "Validation failed", false),

    /** A request is wrong in a way no more specific code describes. */
    BAD_REQUEST(400, "bad_request", "Bad request", false),

    /**
     * The body or frame is not well-formed JSON, or does not match the expected shape.
     */
    MALFORMED_JSON(400, "malformed_json", "Malformed JSON", false),

    /** A WebSocket frame has a missing or unknown {@code type}. */
    UNKNOWN_FRAME_TYPE(400, "unknown_frame_type", "Unknown frame type", false),

    /**
     * A WebSocket frame is larger than the protocol allows; the connection is closed as
     * well.
     */
    FRAME_TOO_LARGE(400, "frame_too_large", "Frame too large", false),

    /** A message text is longer than the protocol allows. */
    TEXT_TOO_LONG(400, "text_too_long", "Message text too long", false),

    /**
     * An uploaded asset's bytes do not hash to the content hash it was announced with.
     */
    ASSET_HASH_MISMATCH(400, "asset_hash_mismatch", "Asset content hash mismatch", false),

    /** No or an invalid credential was presented. */
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required", false),

    /** The credential has expired; the client must obtain a new token and then retry. */
    TOKEN_EXPIRED(401, "token_expired", "Token expired", false),

    /** The caller is authenticated but not allowed to do this. */
    FORBIDDEN(403, "forbidden", "Forbidden", false),

    /** The caller is not a member of the conversation or group it addressed. */
    NOT_A_MEMBER(403, "not_a_member", "Not a member of this conversation", false),

    /**
     * The caller is a member of the group but not one of its admins, and the change is
     * reserved to admins.
     */
    NOT_AN_ADMIN(403, "not_an_admin", "Not an admin of this group", false),

    /** No handler exists for the requested path. */
    NOT_FOUND(404, "not_found", "Not found", false),

    /** The addressed user does not exist. */
    UNKNOWN_USER(404, "unknown_user", "Unknown user", false),

    /** The addressed group does not exist. */
    UNKNOWN_GROUP(404, "unknown_group", "Unknown group", false),

    /** The addressed conversation does not exist. */
    UNKNOWN_CONVERSATION(404, "unknown_conversation", "Unknown conversation", false),

    /** The referenced media asset has not been uploaded. */
    ASSET_NOT_FOUND(404, "asset_not_found", "Asset not found", false),

    /** The HTTP method is not supported for this path. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed", false),

    /**
     * The same {@code clientMsgId} was reused with different content; the original
     * message stands.
     */
    DUPLICATE_MISMATCH(409, "duplicate_mismatch", "Client message id reused with different content", false),

    /**
     * A new device past the user's device limit; an unused device is removed after the
     * idle period. On the WebSocket the connection is closed with 4004.
     */
    TOO_MANY_DEVICES(409, "too_many_devices", "Too many devices", false),

    /** The caller has no registered device with this id (removing a device). */
    UNKNOWN_DEVICE(404, "unknown_device", "Unknown device", false),

    /**
     * The change would take a group past its member limit
     * ({@code chat.group.max-members}); nothing was changed.
     */
    GROUP_FULL(409, "group_full", "Group is full", false),

    /** The request body is larger than allowed. */
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "Payload too large", false),

    /** The request's content type is not accepted. */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type", false),

    /**
     * The message carries media references, which are refused until asset-service has an
     * upload API that can vouch for them (issue 12); not retryable until then.
     */
    MEDIA_UNAVAILABLE(422, "media_unavailable", "Media attachments are not available yet", false),

    /** The caller sent too much too fast; retry after backing off. */
    RATE_LIMITED(429, "rate_limited", "Rate limited", true),

    /**
     * An unexpected server fault; not retried automatically since it may fail the same
     * way again.
     */
    INTERNAL(500, "internal", "Internal error", false),

    /**
     * A dependency is temporarily unavailable (overload, restart, failover); retry after
     * backing off.
     */
    SERVICE_UNAVAILABLE(503, "service_unavailable", "Service unavailable", true),

    /**
     * The server is shedding load and refused the request before doing any of it (never
     * applied); retry after the advised delay ({@code Retry-After},
     * {@code retryAfterMs}).
     */
    OVERLOADED(503, "overloaded", "Server overloaded", true);

    private static final String PROBLEM_TYPE_PREFIX = "urn:chat:problem:";

    private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
        .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int httpStatus;

    private final String code;

    private final String title;

    private final boolean retryable;

    ErrorCode(int httpStatus, String code, String title, boolean retryable) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.title = title;
        this.retryable = retryable;
    }

    /**
     * Looks a code up by its wire identifier.
     * @param code the wire identifier, e.g. {@code malformed_json}
     * @return the code, or empty if this version does not know it
     */
    public static Optional<ErrorCode> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * @return the HTTP status used for this error over REST
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * @return the stable lower_snake wire identifier
     */
    public String code() {
        return code;
    }

    /**
     * @return the default human-readable summary
     */
    public String title() {
        return title;
    }

    /**
     * @return whether repeating the unchanged request after a back-off can succeed
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * @return the RFC 9457 problem type, {@code urn:chat:problem:<code>}
     */
    public URI problemType() {
        return URI.create(PROBLEM_TYPE_PREFIX + code);
    }

}
