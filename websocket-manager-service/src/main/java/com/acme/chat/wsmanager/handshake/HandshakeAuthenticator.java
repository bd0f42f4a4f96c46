package com.acme.chat.wsmanager.handshake;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.clientaddress.ClientAddressResolver;
import com.acme.chat.kit.ratelimit.RateLimitProperties;
import com.acme.chat.kit.ratelimit.RateLimiter;
import com.acme.chat.kit.security.TokenErrors;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.wsmanager.config.WsManagerProperties;

/**
 * Decides whether a {@code GET /ws} may be upgraded and for whom, in this order: a
 * browser {@code Origin} must be allowed (403 {@code forbidden}); then either
 * {@code ?ticket=} is redeemed, or {@code Authorization: Bearer} is validated with the
 * service's {@link ReactiveJwtDecoder} (401 {@code unauthenticated} /
 * {@code token_expired}) and {@code ?deviceId=} must be a valid device id (400
 * {@code validation_failed}). {@code connect-ip} counts the client's address behind the
 * trusted proxies ({@link ClientAddressResolver}) before any of that, {@code connect} the
 * user once known; the principal keeps the address.
 * <p>
 * Non-blocking: token decoding is CPU-only (HS256) or cached JWKS, ticket redemption one
 * Redis round trip.
 */
@Component
class HandshakeAuthenticator {

    static final String TICKET_PARAM = "ticket";

    static final String DEVICE_PARAM = "deviceId";

    private static final String BEARER_PREFIX = "Bearer ";

    private final ReactiveJwtDecoder jwtDecoder;

    private final TicketService tickets;

    private final OriginPolicy origins;

    private final @Nullable RateLimiter limits;

    private final ClientAddressResolver addresses;

    HandshakeAuthenticator(ReactiveJwtDecoder jwtDecoder, TicketService tickets, WsManagerProperties properties,
            ObjectProvider<RateLimiter> limits, ClientAddressResolver addresses) {
        this.jwtDecoder = jwtDecoder;
        this.tickets = tickets;
        this.origins = new OriginPolicy(properties.allowedOrigins());
        this.limits = limits.getIfAvailable();
        this.addresses = addresses;
    }

    /**
     * @param request the handshake request
     * @return the connection's principal, or an error with
     * {@link HandshakeRejectedException}
     */
    Mono<ConnectionPrincipal> authenticate(ServerHttpRequest request) {
        if (!origins.allows(request.getHeaders().getOrigin())) {
            return Mono.error(new HandshakeRejectedException(ErrorCode.FORBIDDEN, "Origin is not allowed"));
        }
        String address = clientAddress(request);
        Mono<Void> addressAllowed = (address != null) ? limit(RateLimitProperties.CONNECT_IP, address) : Mono.empty();
        return addressAllowed.then(Mono.defer(() -> principal(request, address)))
            .flatMap(principal -> limit(RateLimitProperties.CONNECT, principal.userId().value()).thenReturn(principal))
            .onErrorMap(ChatException.class, refused -> new HandshakeRejectedException(refused.code(),
                    refused.getMessage(), refused.retryAfter()));
    }

    private Mono<ConnectionPrincipal> principal(ServerHttpRequest request, @Nullable String address) {
        String ticket = request.getQueryParams().getFirst(TICKET_PARAM);
        if (ticket != null) {
            return tickets.redeem(ticket, address);
        }
        String token = bearerToken(request.getHeaders());
        if (token == null) {
            return Mono.error(new HandshakeRejectedException(ErrorCode.UNAUTHENTICATED,
                    "A bearer token or a ticket is required"));
        }
        String device = request.getQueryParams().getFirst(DEVICE_PARAM);
        return decode(token)
            .map(jwt -> new ConnectionPrincipal(userId(jwt), deviceId(device), token, jwt.getExpiresAt(), address));
    }

    /**
     * The client's address behind the trusted proxies ({@code chat.web.trusted-proxies}),
     * the same for the handshake and the ticket endpoint.
     */
    @Nullable String clientAddress(ServerHttpRequest request) {
        return addresses.clientAddress(request);
    }

    /**
     * Takes a token of {@code rule} for {@code subject}, or fails with the limiter's
     * refusal (429 {@code rate_limited} and the advised wait, a {@link ChatException}).
     */
    Mono<Void> limit(String rule, String subject) {
        if (limits == null) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> limits.acquire(rule, subject))
            .flatMap(wait -> wait.isZero() ? Mono.empty() : Mono.error(RateLimiter.refusal(rule, wait)));
    }

    /** Validates a token the same way for the handshake and the ticket endpoint. */
    Mono<Jwt> decode(String token) {
        return jwtDecoder.decode(token).onErrorMap(JwtException.class, HandshakeAuthenticator::rejection);
    }

    static UserId userId(Jwt jwt) {
        String subject = jwt.getSubject();
        try {
            return UserId.of(subject);
        }
        catch (IllegalArgumentException ex) {
            throw new HandshakeRejectedException(ErrorCode.UNAUTHENTICATED,
                    "The token's subject is not a valid user id");
        }
    }

    static DeviceId deviceId(@Nullable String device) {
        if (device == null) {
            throw new HandshakeRejectedException(ErrorCode.VALIDATION_FAILED, "deviceId is required");
        }
        try {
            // Not '*' (relay-service queues messages for users without any device under
            // that pseudo device), '.' or '..': the rule REST's X-Device-Id follows too.
            return DeviceId.ofClient(device);
        }
        catch (IllegalArgumentException ex) {
            throw new HandshakeRejectedException(ErrorCode.VALIDATION_FAILED, "deviceId: " + ex.getMessage());
        }
    }

    private static @Nullable String bearerToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return null;
        }
        String token = authorization.substring(BEARER_PREFIX.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static HandshakeRejectedException rejection(JwtException ex) {
        if (TokenErrors.isExpired(ex)) {
            return new HandshakeRejectedException(ErrorCode.TOKEN_EXPIRED, "The access token has expired");
        }
        return new HandshakeRejectedException(ErrorCode.UNAUTHENTICATED, "The access token is invalid");
    }

}
