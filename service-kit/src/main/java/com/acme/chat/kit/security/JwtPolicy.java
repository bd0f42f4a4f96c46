package com.acme.chat.kit.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.util.StringUtils;

/**
 * What a token must be, in every service and on both stacks (servlet and reactive), and
 * which configurations may not start at all.
 * <p>
 * A token is accepted only with a valid signature from the one configured source (the
 * OIDC issuer's keys, or the HS256 secret), an {@code exp} claim, {@code exp} and
 * {@code nbf} within {@code chat.security.jwt.clock-skew} (30 s by default), and, where
 * configured, the expected {@code iss} and an {@code aud} that contains
 * {@code chat.security.jwt.audience}.
 * <p>
 * Refused at start-up:
 * <ul>
 * <li>the {@code local} profile together with {@code docker} or {@code k8s} (the local
 * profile has a dev token endpoint and a well-known secret);</li>
 * <li>an HS256 secret together with an OIDC issuer or JWK set: the secret would replace
 * the issuer's keys without a word;</li>
 * <li>an HS256 secret outside {@code local} unless {@code chat.security.jwt.hmac-allowed}
 * says so;</li>
 * <li>outside {@code local}: no expected issuer, or no audience.</li>
 * </ul>
 */
final class JwtPolicy {

    static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;

    static final String LOCAL_PROFILE = "local";

    static final List<String> PRODUCTION_PROFILES = List.of("docker", "k8s");

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    private JwtPolicy() {
    }

    /**
     * @throws IllegalStateException naming every rule the configuration breaks
     */
    static void check(Environment environment, ChatSecurityProperties.Jwt jwt) {
        List<String> problems = new ArrayList<>();
        boolean local = environment.matchesProfiles(LOCAL_PROFILE);
        for (String production : PRODUCTION_PROFILES) {
            if (local && environment.matchesProfiles(production)) {
                problems.add("the '" + LOCAL_PROFILE + "' profile (dev tokens, a well-known secret) cannot run together"
                        + " with the '" + production + "' profile");
            }
        }
        boolean hmac = StringUtils.hasText(jwt.hmacSecret());
        String issuerUri = environment.getProperty(ISSUER_URI);
        String jwkSetUri = environment.getProperty(JWK_SET_URI);
        if (hmac && (StringUtils.hasText(issuerUri) || StringUtils.hasText(jwkSetUri))) {
            problems.add("chat.security.jwt.hmac-secret is set together with " + ISSUER_URI + " or " + JWK_SET_URI
                    + ": configure one token source, not both");
        }
        if (hmac && !local && !jwt.hmacAllowed()) {
            problems.add("chat.security.jwt.hmac-secret (HS256) is refused outside the '" + LOCAL_PROFILE
                    + "' profile: use an OIDC issuer (" + ISSUER_URI
                    + "), or set chat.security.jwt.hmac-allowed=true for a test or demo deployment");
        }
        if (!local && expectedIssuer(environment, jwt) == null) {
            problems.add("no expected token issuer: set chat.security.jwt.issuer (or " + ISSUER_URI + ")");
        }
        if (!local && !StringUtils.hasText(jwt.audience())) {
            problems.add("no expected token audience: set chat.security.jwt.audience");
        }
        if (jwt.clockSkew().isNegative()) {
            problems.add("chat.security.jwt.clock-skew must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Refusing to start with this token configuration: " + String.join("; ", problems) + ".");
        }
    }

    /** The checks every token passes on every use, whatever decoded it. */
    static OAuth2TokenValidator<Jwt> validator(Environment environment, ChatSecurityProperties.Jwt jwt) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        validators.add(timestamps);
        String issuer = expectedIssuer(environment, jwt);
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (StringUtils.hasText(jwt.audience())) {
            validators.add(new JwtAudienceValidator(jwt.audience()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    static @Nullable String expectedIssuer(Environment environment, ChatSecurityProperties.Jwt jwt) {
        if (StringUtils.hasText(jwt.issuer())) {
            return jwt.issuer();
        }
        String issuerUri = environment.getProperty(ISSUER_URI);
        return StringUtils.hasText(issuerUri) ? issuerUri : null;
    }

    /**
     * The one token source, built by the stack's own factories: the HS256 secret, else
     * the JWK set, else the OIDC issuer (resolved at first use, so a start does not
     * depend on the issuer being reachable). Each factory gets the {@link #validator}.
     * @throws IllegalStateException when the configuration breaks a rule of
     * {@link #check}, or names no source
     */
    static <D> D decoder(Environment environment, ChatSecurityProperties.Jwt jwt,
            BiFunction<SecretKey, OAuth2TokenValidator<Jwt>, D> hmac,
            BiFunction<String, OAuth2TokenValidator<Jwt>, D> jwkSet,
            BiFunction<String, OAuth2TokenValidator<Jwt>, D> issuer) {
        check(environment, jwt);
        OAuth2TokenValidator<Jwt> policy = validator(environment, jwt);
        if (StringUtils.hasText(jwt.hmacSecret())) {
            return hmac.apply(hmacKey(jwt), policy);
        }
        String jwkSetUri = environment.getProperty(JWK_SET_URI);
        if (StringUtils.hasText(jwkSetUri)) {
            return jwkSet.apply(jwkSetUri, policy);
        }
        String issuerUri = environment.getProperty(ISSUER_URI);
        if (StringUtils.hasText(issuerUri)) {
            return issuer.apply(issuerUri, policy);
        }
        throw new IllegalStateException(missingDecoderMessage());
    }

    static SecretKey hmacKey(ChatSecurityProperties.Jwt jwt) {
        String secret = jwt.hmacSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("chat.security.jwt.hmac-secret must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    static String missingDecoderMessage() {
        return "No JWT validation configured: set " + ISSUER_URI + " (or " + JWK_SET_URI + ") in production, or"
                + " chat.security.jwt.hmac-secret for the local profile and tests.";
    }

}
