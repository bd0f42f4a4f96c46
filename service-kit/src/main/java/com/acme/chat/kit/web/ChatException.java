package com.acme.chat.kit.web;

import com.acme.chat.common.error.ErrorCode;

/**
 * A domain failure with a stable {@link ErrorCode}; the REST layer turns it into a
 * ProblemDetail and the WebSocket layer into an {@code error} frame, so clients handle
 * one vocabulary.
 */
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    public ChatException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

}
