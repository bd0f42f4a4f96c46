package com.acme.chat.common.protocol;

import java.util.Objects;

import com.acme.chat.common.error.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Failed answer to a {@link ClientFrame}, or a connection-level error. The client frame
 * had no effect, except that a {@code duplicate_mismatch} leaves the original message in
 * place.
 *
 * @param id the correlation id of the failed frame, or {@code null} when it could not be
 * read or the error concerns the connection; always written, as {@code "id": null} then
 * @param code an {@link ErrorCode#code()}; clients must tolerate codes they do not know
 * @param message human-readable detail, safe to show; never contains message bodies or
 * tokens
 * @param retryable whether sending the same frame again after a back-off can succeed
 * @param traceId the trace of the failed frame's handling (W3C trace id, 32 hex digits),
 * for support: a client that reports it leads to every hop's log lines; absent when the
 * server has no trace for it
 * @param retryAfterMs how long to wait before resending, in milliseconds, when the server
 * advises it ({@code overloaded}, {@code rate_limited}); absent otherwise
 */
public record ErrorFrame(@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String id, String code, String message,
        boolean retryable, @Nullable String traceId, @Nullable Long retryAfterMs) implements ServerFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "error";

    public ErrorFrame {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * An error frame without a trace id.
     * @param id the correlation id of the failed frame, if known
     * @param code an error code
     * @param message detail for the user
     * @param retryable whether a retry can succeed
     */
    public ErrorFrame(@Nullable String id, String code, String message, boolean retryable) {
        this(id, code, message, retryable, null, null);
    }

    /**
     * @param traceId the trace of the failed frame's handling, or null
     * @return this frame naming that trace
     */
    public ErrorFrame withTraceId(@Nullable String traceId) {
        return new ErrorFrame(id, code, message, retryable, traceId, retryAfterMs);
    }

    /**
     * @param retryAfterMs the advised delay before a resend, in milliseconds, or null
     * @return this frame advising that delay
     */
    public ErrorFrame withRetryAfterMs(@Nullable Long retryAfterMs) {
        return new ErrorFrame(id, code, message, retryable, traceId, retryAfterMs);
    }

    /**
     * The error frame for an error code.
     * @param id the correlation id of the failed frame, if known
     * @param code the error
     * @param message detail for the user
     * @return the frame
     */
    public static ErrorFrame of(@Nullable String id, ErrorCode code, String message) {
        return new ErrorFrame(id, code.code(), message, code.retryable());
    }

    /**
     * The error frame for an error code, with its default title as message.
     * @param id the correlation id of the failed frame, if known
     * @param code the error
     * @return the frame
     */
    public static ErrorFrame of(@Nullable String id, ErrorCode code) {
        return of(id, code, code.title());
    }

}
