package com.acme.chat.kit.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Applies the service's token policy ({@link JwtPolicy}) to every token on every use, and
 * remembers tokens that were decoded and verified, keyed by the whole token string (a
 * token with another signature is another key), so the signature is checked once per
 * token and instance instead of on every request: a connected device sends every frame
 * with the same token. What can change with time ({@code exp}, {@code nbf}) is checked on
 * every use; a cached token that fails the policy is forgotten and decoded again, so the
 * caller gets exactly the error the decoder gives. Bounded in size
 * ({@code chat.security.jwt.decode-cache-size}, 0 for no cache) and age (at most 5
 * minutes).
 */
final class CachingJwtDecoder implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final JwtDecoder delegate;

    private final OAuth2TokenValidator<Jwt> perUse;

    private final @Nullable Cache<String, Jwt> verified;

    CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> perUse, int capacity) {
        this.delegate = delegate;
        this.perUse = perUse;
        this.verified = (capacity > 0) ? Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(MAX_AGE).build()
                : null;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (this.verified != null) {
            Jwt known = this.verified.getIfPresent(token);
            if (known != null) {
                if (!this.perUse.validate(known).hasErrors()) {
                    return known;
                }
                this.verified.invalidate(token);
            }
        }
        Jwt decoded = this.delegate.decode(token);
        OAuth2TokenValidatorResult result = this.perUse.validate(decoded);
        if (result.hasErrors()) {
            // The decoder's own validators may be looser (a custom decoder, a library
            // default).
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        if (this.verified != null) {
            this.verified.put(token, decoded);
        }
        return decoded;
    }

}
