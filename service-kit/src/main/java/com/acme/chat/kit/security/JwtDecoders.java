package com.acme.chat.kit.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** The HS256 key and validators shared by the servlet and reactive decoders. */
final class JwtDecoders {

    static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;

    private JwtDecoders() {
    }

    static SecretKey hmacKey(ChatSecurityProperties.Jwt jwt) {
        String secret = jwt.hmacSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("chat.security.jwt.hmac-secret must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    static OAuth2TokenValidator<Jwt> validator(ChatSecurityProperties.Jwt jwt) {
        OAuth2TokenValidator<Jwt> timestamps = new JwtTimestampValidator();
        return jwt.issuer() == null ? timestamps
                : new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(jwt.issuer()));
    }

    static String missingDecoderMessage() {
        return "No JWT validation configured: set spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri)"
                + " in production, or chat.security.jwt.hmac-secret for the local profile and tests.";
    }

}
