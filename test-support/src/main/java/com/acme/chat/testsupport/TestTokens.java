package com.acme.chat.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

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

    /** The {@code iss} that {@link ChatIntegrationTest} expects. */
    public static final String ISSUER = "chat-test";

    /** The {@code aud} that {@link ChatIntegrationTest} expects. */
    public static final String AUDIENCE = "chat";

    private TestTokens() {
    }

    public static String forUser(String userId) {
        return expiringAt(userId, Instant.now().plus(Duration.ofMinutes(10)));
    }

    public static String expiredFor(String userId) {
        return expiringAt(userId, Instant.now().minus(Duration.ofMinutes(10)));
    }

    /**
     * A token for {@code userId} that expires at the given instant (e.g. seconds from
     * now, to test expiry).
     */
    public static String expiringAt(String userId, Instant expiresAt) {
        return sign(new JWTClaimsSet.Builder().subject(userId)
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .claim("name", "User " + userId)
            .claim("preferred_username", userId)
            .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(20))))
            .expirationTime(Date.from(expiresAt))
            .build());
    }

    /**
     * A token for {@code subject}, valid for ten minutes, with exactly the given extra
     * claims (e.g. {@code name}, {@code phone_number}, {@code email}).
     */
    public static String withClaims(String subject, Map<String, String> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        claims.forEach(builder::claim);
        return sign(builder.build());
    }

    /**
     * Signs any claims with the test secret, for tests that need particular claims (add
     * {@link #ISSUER} and {@link #AUDIENCE} for a token that should be accepted).
     */
    public static String sign(JWTClaimsSet claims) {
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
