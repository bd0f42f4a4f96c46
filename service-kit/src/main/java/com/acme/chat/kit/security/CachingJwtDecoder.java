package com.acme.chat.kit.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Remembers tokens that were decoded and verified, keyed by the whole token string (a
 * token with another signature is another key), so the signature is checked once per
 * token and instance instead of on every request: a connected device sends every frame
 * with the same token. What can change with time is checked on every use: {@code exp} and
 * {@code nbf} ({@link JwtTimestampValidator}); a cached token that fails it is forgotten
 * and decoded again, so the caller gets exactly the error the decoder gives. Bounded in
 * size and age ({@code chat.security.jwt.decode-cache-size}, at most 5 minutes).
 */
final class CachingJwtDecoder implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final JwtDecoder delegate;

    private final OAuth2TokenValidator<Jwt> perUse;

    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> perUse, int capacity) {
        this.delegate = delegate;
        this.perUse = perUse;
        this.verified = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(MAX_AGE).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!perUse.validate(known).hasErrors()) {
                return known;
            }
            verified.invalidate(token);
        }
        Jwt decoded = delegate.decode(token);
        verified.put(token, decoded);
        return decoded;
    }

    /** Wraps the decoder unless caching is switched off ({@code capacity} 0). */
    static JwtDecoder wrap(JwtDecoder decoder, int capacity) {
        return (capacity > 0) ? new CachingJwtDecoder(decoder, new JwtTimestampValidator(), capacity) : decoder;
    }

}
