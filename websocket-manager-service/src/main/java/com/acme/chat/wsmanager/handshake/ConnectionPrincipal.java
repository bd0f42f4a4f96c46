package com.acme.chat.wsmanager.handshake;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * Who an authenticated WebSocket connection belongs to, established by the handshake and
 * handed to the {@link AuthenticatedWebSocketHandler} with the session.
 *
 * @param userId the token's subject
 * @param deviceId the device the client named
 * @param token the raw access token, forwarded to messaging and relay on the user's
 * behalf; never logged
 * @param expiresAt when the token expires (the connection is closed with 4002 then), or
 * null if it never does
 * @param clientAddress the client's address as the handshake found it behind the trusted
 * proxies, forwarded to messaging and relay in {@code X-Forwarded-For} (their per-address
 * limits count the client, not this handler); null if unknown
 */
public record ConnectionPrincipal(UserId userId, DeviceId deviceId, String token, @Nullable Instant expiresAt,
        @Nullable String clientAddress) {

    public ConnectionPrincipal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(token, "token");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ConnectionPrincipal[userId=" + userId + ", deviceId=" + deviceId + ", expiresAt=" + expiresAt + "]";
    }
}
