package com.acme.chat.messaging.user;

import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.openapi.ErrorResponses;

/**
 * {@code GET /api/v1/users/me/settings} and {@code PUT /api/v1/users/me/settings}: the
 * caller's own settings, nobody else's.
 */
@RestController
@RequestMapping("/api/v1/users/me/settings")
@Tag(name = "users")
class SettingsController {

    private final UserSettings settings;

    SettingsController(UserSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "The caller's settings", description = "readReceipts: true unless turned off.")
    SettingsView get(@AuthenticationPrincipal Jwt jwt) {
        return settings.view(UserDirectory.subject(jwt));
    }

    @PutMapping
    @Operation(summary = "Change the caller's settings",
            description = "readReceipts: false hides your read position from others and theirs from you "
                    + "(reciprocal); delivered receipts are unaffected. Other instances apply a change within "
                    + "chat.messaging.receipts.settings-cache-ttl.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_JSON })
    SettingsView put(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody SettingsRequest request) {
        return settings.update(UserDirectory.subject(jwt), Objects.requireNonNull(request.readReceipts()));
    }

}
