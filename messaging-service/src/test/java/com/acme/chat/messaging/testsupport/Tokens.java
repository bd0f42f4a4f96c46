package com.acme.chat.messaging.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

import com.acme.chat.testsupport.TestTokens;

/** Tokens with chosen claims (name, phone_number, email), signed with the test secret. */
public final class Tokens {

    private Tokens() {
    }

    public static String withClaims(String subject, Map<String, String> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        claims.forEach(builder::claim);
        return TestTokens.sign(builder.build());
    }

}
