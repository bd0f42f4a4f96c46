package com.acme.chat.messaging.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.kit.web.ChatException;

/** {@code GET /api/v1/users/me} and {@code GET /api/v1/users/{userId}}. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "Profiles, registered from token claims")
class UserController {

    private final UserDirectory directory;

    UserController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's profile",
            description = "Registers or refreshes the caller from the token's "
                    + "claims (name or preferred_username, phone_number or email) first.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_USER })
    UserView me(@AuthenticationPrincipal Jwt jwt) {
        UserId me = directory.ensureRegistered(jwt);
        return directory.find(me).orElseThrow(() -> unknown(me.value()));
    }

    @GetMapping("/{userId}")
    @Operation(summary = "A user's profile", description = "A user exists once they have authenticated.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_USER })
    UserView user(@PathVariable String userId) {
        UserId user;
        try {
            user = UserId.of(userId);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "userId: " + ex.getMessage());
        }
        return directory.find(user).orElseThrow(() -> unknown(userId));
    }

    private static ChatException unknown(String user) {
        return new ChatException(ErrorCode.UNKNOWN_USER, "No user '" + user + "'");
    }

}
