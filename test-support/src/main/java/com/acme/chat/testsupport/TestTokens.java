package com.acme.chat.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** HS256 tokens signed with the secret that {@link ChatIntegrationTest} configures. */
public final class TestTokens {

    /** Test-only HS256 secret (never used outside tests). */
    public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

    private TestTokens() {
    }

    public static String forUser(String userId) {
        return token(userId, Instant.now().plus(Duration.ofMinutes(10)));
    }

    public static String expiredFor(String userId) {
        return token(userId, Instant.now().minus(Duration.ofMinutes(10)));
    }

    static String token(String userId, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId)
            .claim("name", "User " + userId)
            .claim("preferred_username", userId)
            .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(20))))
            .expirationTime(Date.from(expiresAt))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
