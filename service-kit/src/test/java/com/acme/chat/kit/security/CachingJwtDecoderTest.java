package com.acme.chat.kit.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    private static final byte[] SECRET = "caching-decoder-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    private final Instant start = Instant.parse("2026-11-30T12:00:00Z");

    private Clock clock = Clock.fixed(start, ZoneOffset.UTC);

    private final AtomicInteger verifications = new AtomicInteger();

    private final JwtDecoder verifying = verifyingDecoder();

    private final CachingJwtDecoder cached = new CachingJwtDecoder(verifying, validator(), 100);

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() throws Exception {
        String token = token(start.plus(Duration.ofHours(1)));

        assertThat(cached.decode(token).getSubject()).isEqualTo("alice");
        assertThat(cached.decode(token).getSubject()).isEqualTo("alice");
        assertThat(cached.decode(token).getSubject()).isEqualTo("alice");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenThatExpiredFailsWithTheDecodersOwnError() throws Exception {
        String token = token(start.plus(Duration.ofMinutes(1)));
        cached.decode(token);

        clock = Clock.fixed(start.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);

        assertThatThrownBy(() -> cached.decode(token)).isInstanceOf(JwtValidationException.class)
            .satisfies(ex -> assertThat(TokenErrors.isExpired(ex)).isTrue());
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenWithAnotherSignatureIsNeverServedFromTheCache() throws Exception {
        String token = token(start.plus(Duration.ofHours(1)));
        cached.decode(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + token(start.plus(Duration.ofHours(2))).split("\\.")[2];

        assertThatThrownBy(() -> cached.decode(forged)).isInstanceOf(BadJwtException.class);
    }

    private JwtDecoder verifyingDecoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET, "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
        nimbus.setJwtValidator(validator());
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    /** Timestamps against the test's clock, read at each validation. */
    private OAuth2TokenValidator<Jwt> validator() {
        return jwt -> {
            JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
            timestamps.setClock(clock);
            return timestamps.validate(jwt);
        };
    }

    private String token(Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice")
            .issueTime(Date.from(start))
            .expirationTime(Date.from(expiresAt))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

}
