package com.acme.chat.messaging.devtoken;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.kit.security.ChatSecurityProperties;
import com.acme.chat.kit.web.ChatException;

/**
 * {@code POST /dev/tokens}: issues HS256 tokens signed with the local development secret,
 * for any user, with the configured issuer and audience. Exists only in the {@code local}
 * profile and never beside a production profile (service-kit refuses to start with
 * {@code local} and {@code docker} or {@code k8s}; this condition says it again), where
 * {@code /dev/tokens} is also a public path; in every other profile the path is unknown
 * (and needs a token like any other path).
 */
@RestController
@Profile("local & !docker & !k8s")
@Tag(name = "dev tokens", description = "Local profile only: tokens without an identity provider")
class DevTokenController {

    private static final Logger log = LoggerFactory.getLogger(DevTokenController.class);

    static final int DEFAULT_TTL_SECONDS = 3600;

    static final int MAX_TTL_SECONDS = 86400;

    private final JwtEncoder encoder;

    private final Clock clock;

    private final @Nullable String issuer;

    private final @Nullable String audience;

    DevTokenController(ChatSecurityProperties security, Clock clock) {
        String secret = security.jwt().hmacSecret();
        if (secret == null) {
            throw new IllegalStateException("The dev token endpoint needs chat.security.jwt.hmac-secret");
        }
        this.encoder = NimbusJwtEncoder
            .withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .algorithm(MacAlgorithm.HS256)
            .build();
        this.clock = clock;
        this.issuer = security.jwt().issuer();
        this.audience = security.jwt().audience();
        log.warn("Dev token endpoint POST /dev/tokens is enabled (local profile): anyone can get a token");
    }

    @PostMapping("/dev/tokens")
    @Operation(summary = "Issue a development token (local profile only)",
            description = "An HS256 token for any user, signed with the local development secret. This endpoint "
                    + "does not exist in any other profile.")
    @ErrorResponses(ErrorCode.VALIDATION_FAILED)
    DevTokenResponse issue(@RequestBody DevTokenRequest request) {
        UserId user = userId(request.userId());
        int ttl = (request.ttlSeconds() != null) ? request.ttlSeconds() : DEFAULT_TTL_SECONDS;
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED,
                    "ttlSeconds: must be between 1 and " + MAX_TTL_SECONDS);
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(Duration.ofSeconds(ttl));
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
            .subject(user.value())
            .issuedAt(issuedAt)
            .expiresAt(expiresAt);
        if (this.issuer != null) {
            claims.issuer(this.issuer);
        }
        if (this.audience != null) {
            claims.audience(List.of(this.audience));
        }
        if (request.name() != null && !request.name().isBlank()) {
            claims.claim("name", request.name());
        }
        if (request.contact() != null && !request.contact().isBlank()) {
            claims.claim("phone_number", request.contact());
        }
        String token = encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
            .getTokenValue();
        return new DevTokenResponse(token, "Bearer", expiresAt);
    }

    private static UserId userId(@Nullable String value) {
        if (value == null) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "userId: is required");
        }
        try {
            return UserId.of(value);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "userId: " + ex.getMessage());
        }
    }

}
