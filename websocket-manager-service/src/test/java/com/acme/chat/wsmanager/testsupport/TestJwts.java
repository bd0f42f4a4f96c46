package com.acme.chat.wsmanager.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import com.acme.chat.testsupport.TestTokens;

/** Tokens with a chosen expiry (test-support only offers valid-for-10-minutes and already expired). */
public final class TestJwts {

    private TestJwts() {
    }

    public static String expiringAt(String userId, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId)
            .issueTime(Date.from(Instant.now().minusSeconds(5)))
            .expirationTime(Date.from(expiresAt))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
