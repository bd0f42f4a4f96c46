package com.acme.chat.kit.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class TokenErrorsTest {

    private static JwtValidationException failedValidation(String description) {
        return new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
                List.of(new OAuth2Error("invalid_token", description, null)));
    }

    @Test
    void anExpiredTokenIsExpiredOnTheHandshakeAndBehindTheResourceServer() {
        JwtValidationException expired = failedValidation("Jwt expired at 2026-11-27T10:00:00Z");
        assertThat(TokenErrors.isExpired(expired)).isTrue();
        // The resource server wraps the decoder's failure.
        assertThat(TokenErrors.isExpired(new InvalidBearerTokenException(expired.getMessage(), expired))).isTrue();
        assertThat(TokenErrors.describe(new InvalidBearerTokenException(expired.getMessage(), expired)))
            .isEqualTo("The access token has expired");
    }

    @Test
    void theFailedValidatorDecidesNotTheWrappingMessage() {
        // A summary that happens to say "expired" while the validator that failed is the
        // issuer check.
        JwtValidationException wrongIssuer = failedValidation("The iss claim is not valid");
        InvalidBearerTokenException wrapped = new InvalidBearerTokenException("token expired or invalid", wrongIssuer);
        assertThat(TokenErrors.isExpired(wrapped)).isFalse();
    }

    @Test
    void aBadSignatureOrAMissingTokenIsNotExpired() {
        assertThat(TokenErrors.isExpired(new BadJwtException("Signed JWT rejected: Invalid signature"))).isFalse();
        assertThat(TokenErrors.isExpired(new InsufficientAuthenticationException("Full authentication is required")))
            .isFalse();
        assertThat(TokenErrors.isExpired(null)).isFalse();
        assertThat(TokenErrors.describe(new InvalidBearerTokenException("Signed JWT rejected: Invalid signature")))
            .isEqualTo("The access token is invalid");
        assertThat(TokenErrors.describe(new InsufficientAuthenticationException("Full authentication is required")))
            .isEqualTo("A bearer token is required");
    }

    @Test
    void aDecoderMessageWithoutValidatorDetailStillCounts() {
        assertThat(TokenErrors.isExpired(new BadJwtException("Jwt expired at 2026-11-27T10:00:00Z"))).isTrue();
    }

}
