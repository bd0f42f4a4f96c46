package com.acme.chat.messaging.devtoken;

import java.time.Instant;

/**
 * Answer of {@code POST /dev/tokens}: {@code {"accessToken", "tokenType": "Bearer",
 * "expiresAt"}}.
 *
 * @param accessToken the signed HS256 JWT
 * @param tokenType always {@code Bearer}
 * @param expiresAt when the token expires (whole seconds, like its {@code exp} claim)
 */
record DevTokenResponse(String accessToken, String tokenType, Instant expiresAt) {
}
