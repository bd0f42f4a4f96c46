package com.acme.chat.wsmanager.handshake;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import com.acme.chat.common.error.ErrorCode;

/**
 * A handshake that must not be upgraded; answered with a ProblemDetail carrying
 * {@link #code()}.
 */
final class HandshakeRejectedException extends RuntimeException {

    private final ErrorCode code;

    private final @Nullable Duration retryAfter;

    HandshakeRejectedException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    HandshakeRejectedException(ErrorCode code, String detail, @Nullable Duration retryAfter) {
        super(detail, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /**
     * How long the client should wait before trying again ({@code rate_limited}), or
     * null.
     */
    @Nullable Duration retryAfter() {
        return retryAfter;
    }

    ErrorCode code() {
        return code;
    }

}
