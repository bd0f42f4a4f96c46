package com.acme.chat.kit.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.error.ErrorCode;

/**
 * A domain failure with a stable {@link ErrorCode}; the REST layer turns it into a
 * ProblemDetail and the WebSocket layer into an {@code error} frame, so clients handle
 * one vocabulary. A failure may advise how long to wait before a retry
 * ({@code Retry-After} over REST, {@code retryAfterMs} in the ProblemDetail and the error
 * frame).
 */
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    private final @Nullable Duration retryAfter;

    public ChatException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /**
     * @param code the error
     * @param detail detail for the user
     * @param retryAfter how long the caller should wait before a retry, or null
     */
    public ChatException(ErrorCode code, String detail, @Nullable Duration retryAfter) {
        super(detail);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * @return the advised delay before a retry, or null when none is advised
     */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

}
