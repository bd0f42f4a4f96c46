package com.acme.chat.wsmanager.handshake;

import com.acme.chat.common.error.ErrorCode;

/**
 * A handshake that must not be upgraded; answered with a ProblemDetail carrying
 * {@link #code()}.
 */
final class HandshakeRejectedException extends RuntimeException {

    private final ErrorCode code;

    HandshakeRejectedException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }

}
