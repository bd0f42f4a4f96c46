package com.acme.chat.messaging.user;

import org.jspecify.annotations.Nullable;

/**
 * A user's public profile, as {@code GET /api/v1/users/...} returns it.
 *
 * @param userId the user id (the token subject)
 * @param userName display name from the {@code name} or {@code preferred_username} claim
 * @param contact phone number or e-mail from the {@code phone_number} or {@code email}
 * claim
 */
public record UserView(String userId, @Nullable String userName, @Nullable String contact) {
}
