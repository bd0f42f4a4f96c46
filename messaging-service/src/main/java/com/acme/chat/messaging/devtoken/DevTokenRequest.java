package com.acme.chat.messaging.devtoken;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /dev/tokens}: {@code {"userId", "name"?, "contact"?,
 * "ttlSeconds"?}}.
 *
 * @param userId the token subject (user id rules: 1–128 characters, no whitespace, no
 * {@code :})
 * @param name display name, becomes the {@code name} claim
 * @param contact phone number, becomes the {@code phone_number} claim
 * @param ttlSeconds lifetime, default 3600, at most 86400
 */
record DevTokenRequest(@Nullable String userId, @Nullable String name, @Nullable String contact,
        @Nullable Integer ttlSeconds) {
}
