package com.acme.chat.kit.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.security.*}. Production validates tokens against the OIDC issuer's JWKS
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri});
 * the local stack and tests use an HS256 shared secret instead. Exactly one of the two
 * must be configured.
 *
 * @param jwt HS256 settings for local development and tests
 * @param publicPaths paths reachable without a token: the probes, metrics and the OpenAPI
 * document ({@code springdoc.api-docs.enabled=false} removes the document), nothing else
 */
@ConfigurationProperties("chat.security")
public record ChatSecurityProperties(@DefaultValue Jwt jwt, @DefaultValue( {
        "/livez", "/readyz", "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
        "/error", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml" }) List<String> publicPaths){

    /**
     * @param hmacSecret shared HS256 secret (at least 32 bytes); only for local and test
     * profiles
     * @param issuer expected {@code iss} claim, checked when set
     * @param decodeCacheSize how many verified tokens each instance remembers, so a
     * token's signature is checked once, not per request ({@code exp}/{@code nbf} are
     * checked on every use); 0 switches the cache off
     */
    public record Jwt(@Nullable String hmacSecret, @Nullable String issuer,
            @DefaultValue("10000") int decodeCacheSize) {
    }
}
