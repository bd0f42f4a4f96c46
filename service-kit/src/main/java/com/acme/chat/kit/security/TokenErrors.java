package com.acme.chat.kit.security;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Tells an expired token from a missing or invalid one, without echoing token contents. */
final class TokenErrors {

    private TokenErrors() {
    }

    static boolean isExpired(AuthenticationException ex) {
        String message = ex.getMessage();
        return ex instanceof InvalidBearerTokenException && message != null && message.contains("expired");
    }

    static String describe(AuthenticationException ex) {
        if (isExpired(ex)) {
            return "The access token has expired";
        }
        return ex instanceof InvalidBearerTokenException ? "The access token is invalid" : "A bearer token is required";
    }
}
