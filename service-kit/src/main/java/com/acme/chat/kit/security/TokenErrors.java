package com.acme.chat.kit.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Tells an expired token from a missing or invalid one, without echoing token contents.
 * One rule for the REST entry points and the WebSocket handshake, so
 * {@code token_expired} means the same everywhere.
 */
public final class TokenErrors {

    private TokenErrors() {
    }

    /**
     * @param failure what a decoder or the resource server threw: a {@link JwtException},
     * or an {@link InvalidBearerTokenException} that wraps one
     * @return whether the token was rejected because it has expired
     */
    public static boolean isExpired(@Nullable Throwable failure) {
        boolean mentioned = false;
        for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
            if (t instanceof JwtValidationException validation) {
                // The precise answer: which validator failed, not a summary message that
                // wraps it.
                return validation.getErrors()
                    .stream()
                    .anyMatch(error -> error.getDescription() != null && error.getDescription().contains("expired"));
            }
            if (t instanceof JwtException || t instanceof InvalidBearerTokenException) {
                String message = t.getMessage();
                mentioned |= message != null && message.contains("expired");
            }
        }
        return mentioned;
    }

    static String describe(AuthenticationException ex) {
        if (isExpired(ex)) {
            return "The access token has expired";
        }
        return ex instanceof InvalidBearerTokenException ? "The access token is invalid" : "A bearer token is required";
    }

}
