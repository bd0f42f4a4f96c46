package com.acme.chat.messaging.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A user's record as {@code GET /api/v1/users/...} returns it: the whole record to the
 * user himself, the public profile (no contact) to anyone else.
 *
 * @param userId the user id (the token subject)
 * @param userName display name from the {@code name} or {@code preferred_username} claim
 * @param contact phone number or e-mail from the {@code phone_number} or {@code email}
 * claim; only in the caller's own record
 */
public record UserView(String userId, @Nullable String userName, @Schema(
        description = "Phone number or e-mail; only in your own record") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String contact) {

    /**
     * @return the profile another user may see: without the contact
     */
    public UserView publicProfile() {
        return new UserView(userId, userName, null);
    }

}
