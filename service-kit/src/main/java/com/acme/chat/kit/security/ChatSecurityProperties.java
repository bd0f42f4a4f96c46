package com.acme.chat.kit.security;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.security.*}. Production validates tokens against the OIDC issuer's JWKS
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri});
 * the local stack and tests use an HS256 shared secret instead. Exactly one of the two
 * must be configured: both at once refuse to start, so a secret can never silently
 * replace the issuer ({@link JwtPolicy}).
 *
 * @param jwt what a token must be to be accepted, and the HS256 settings for local
 * development and tests
 * @param publicPaths paths reachable without a token: the probes, metrics and the OpenAPI
 * document ({@code springdoc.api-docs.enabled=false} removes the document), nothing else
 */
@ConfigurationProperties("chat.security")
public record ChatSecurityProperties(@DefaultValue Jwt jwt, @DefaultValue( {
        "/livez", "/readyz", "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
        "/error", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml" }) List<String> publicPaths){

    /**
     * @param hmacSecret shared HS256 secret (at least 32 bytes); accepted in the
     * {@code local} profile, and in any other only with {@code hmacAllowed}
     * @param hmacAllowed whether an HS256 secret may be used outside the {@code local}
     * profile (tests, a demo compose stack); off by default, so a production deployment
     * with a stray secret refuses to start instead of accepting tokens anyone who knows
     * the secret can mint
     * @param issuer the required {@code iss} claim; defaults to the OIDC
     * {@code issuer-uri} when that is set; required outside the {@code local} profile
     * @param audience a value the {@code aud} claim must contain; required outside the
     * {@code local} profile
     * @param clockSkew how long after {@code exp} (and before {@code nbf}) a token is
     * still accepted, for clocks that differ a little between the issuer and this service
     * @param decodeCacheSize how many verified tokens each instance remembers, so a
     * token's signature is checked once, not per request ({@code exp}/{@code nbf} are
     * checked on every use); 0 switches the cache off
     */
    public record Jwt(@Nullable String hmacSecret, @DefaultValue("false") boolean hmacAllowed, @Nullable String issuer,
            @Nullable String audience, @DefaultValue("30s") Duration clockSkew,
            @DefaultValue("10000") int decodeCacheSize) {
    }
}
