package com.acme.chat.kit.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Which token configurations start, and which tokens the decoders built from them accept,
 * on both stacks.
 */
class JwtPolicyTest {

    private static final String SECRET = "jwt-policy-test-secret-0123456789abcdef";

    private static final String DEV_SECRET = "local-dev-secret-change-me-0123456789abcdef";

    @Test
    void theLocalProfileStartsWithTheDevSecretAndNothingElse() {
        assertThatNoException().isThrownBy(() -> JwtPolicy.check(env("local"), jwt(DEV_SECRET, false, null, null)));
    }

    @Test
    void theLocalProfileNeverRunsBesideAProductionProfile() {
        assertThatThrownBy(() -> JwtPolicy.check(env("local", "docker"), jwt(DEV_SECRET, false, null, null)))
            .hasMessageContaining("'local' profile")
            .hasMessageContaining("'docker'");
        assertThatThrownBy(() -> JwtPolicy.check(env("k8s", "local"), jwt(null, false, "https://id", "chat")))
            .hasMessageContaining("'k8s'");
    }

    @Test
    void aSecretOutsideLocalIsRefusedUnlessAllowedInSoManyWords() {
        for (String profile : List.of("docker", "k8s", "default")) {
            assertThatThrownBy(() -> JwtPolicy.check(env(profile), jwt(DEV_SECRET, false, "chat", "chat")))
                .hasMessageContaining("refused outside the 'local' profile");
        }
        assertThatNoException().isThrownBy(() -> JwtPolicy.check(env("docker"), jwt(SECRET, true, "chat", "chat")));
    }

    @Test
    void aSecretNeverReplacesAnIssuerSilently() {
        MockEnvironment environment = env("local").withProperty(JwtPolicy.ISSUER_URI, "https://id.example.com");
        assertThatThrownBy(() -> JwtPolicy.check(environment, jwt(DEV_SECRET, false, null, null)))
            .hasMessageContaining("one token source, not both");
        MockEnvironment jwks = env("docker").withProperty(JwtPolicy.JWK_SET_URI, "https://id.example.com/jwks");
        assertThatThrownBy(() -> JwtPolicy.check(jwks, jwt(SECRET, true, "chat", "chat")))
            .hasMessageContaining("one token source, not both");
    }

    @Test
    void outsideLocalAnIssuerAndAnAudienceAreRequired() {
        assertThatThrownBy(() -> JwtPolicy.check(env("k8s"), jwt(null, false, null, "chat")))
            .hasMessageContaining("no expected token issuer");
        assertThatThrownBy(() -> JwtPolicy.check(env("k8s"), jwt(null, false, "https://id", null)))
            .hasMessageContaining("no expected token audience");
        MockEnvironment oidc = env("k8s").withProperty(JwtPolicy.ISSUER_URI, "https://id.example.com");
        assertThatNoException().isThrownBy(() -> JwtPolicy.check(oidc, jwt(null, false, null, "chat")));
        assertThat(JwtPolicy.expectedIssuer(oidc, jwt(null, false, null, "chat"))).isEqualTo("https://id.example.com");
    }

    @Test
    void aStartWithNoTokenSourceNamesWhatToSet() {
        assertThatThrownBy(() -> new ServletSecurityAutoConfiguration()
            .chatJwtDecoder(new ChatSecurityProperties(jwt(null, false, null, null), List.of()), env("local")))
            .hasMessageContaining("No JWT validation configured");
    }

    @Test
    void bothDecodersAcceptAGoodTokenAndRefuseEveryBadOne() {
        ChatSecurityProperties properties = new ChatSecurityProperties(jwt(SECRET, true, "chat-test", "chat"),
                List.of());
        MockEnvironment environment = env("test");
        JwtDecoder servlet = new CachingJwtDecoder(
                new ServletSecurityAutoConfiguration().chatJwtDecoder(properties, environment),
                JwtPolicy.validator(environment, properties.jwt()), 100);
        ReactiveJwtDecoder reactive = new ReactiveSecurityAutoConfiguration().chatReactiveJwtDecoder(properties,
                environment);
        Instant now = Instant.now();

        for (var decoder : List.<UnaryOperator<String>>of(token -> servlet.decode(token).getSubject(),
                token -> reactive.decode(token).block().getSubject())) {
            assertThat(decoder.apply(token(SECRET, c -> c))).isEqualTo("alice");
            assertThat(decoder.apply(token(SECRET, c -> c.expirationTime(Date.from(now.minusSeconds(10))))))
                .as("10 s after exp: inside the 30 s allowance")
                .isEqualTo("alice");
            assertThatThrownBy(
                    () -> decoder.apply(token(SECRET, c -> c.expirationTime(Date.from(now.minusSeconds(40))))))
                .as("40 s after exp")
                .isInstanceOf(JwtValidationException.class)
                .satisfies(ex -> assertThat(TokenErrors.isExpired(ex)).isTrue());
            assertThatThrownBy(() -> decoder.apply(token(SECRET, c -> c.expirationTime(null)))).as("no exp")
                .isInstanceOf(JwtValidationException.class)
                .satisfies(ex -> assertThat(TokenErrors.isExpired(ex)).isFalse());
            assertThatThrownBy(() -> decoder.apply(token(SECRET, c -> c.issuer("someone-else")))).as("foreign iss")
                .isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> decoder.apply(token(SECRET, c -> c.audience("another-api")))).as("foreign aud")
                .isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> decoder.apply(token(SECRET, c -> c.audience((String) null)))).as("no aud")
                .isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> decoder.apply(token(DEV_SECRET, c -> c))).as("signed with the dev secret")
                .isInstanceOf(JwtException.class);
        }
    }

    private static ChatSecurityProperties.Jwt jwt(String secret, boolean allowed, String issuer, String audience) {
        return new ChatSecurityProperties.Jwt(secret, allowed, issuer, audience, Duration.ofSeconds(30), 100);
    }

    private static MockEnvironment env(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }

    /**
     * A good token (alice, chat-test, aud chat, ten minutes left), changed by
     * {@code edit}.
     */
    private static String token(String secret, UnaryOperator<JWTClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("alice")
            .issuer("chat-test")
            .audience("chat")
            .issueTime(Date.from(now.minusSeconds(60)))
            .expirationTime(Date.from(now.plusSeconds(600)));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), edit.apply(claims).build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

}
