package com.acme.chat.messaging.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.kit.web.ChatException;

/**
 * {@code GET /api/v1/users/me}, {@code GET /api/v1/users/{userId}} and
 * {@code POST /api/v1/users/discover}. Contact details go only to their owner; another
 * user's name only to those who share a conversation with them or find them by a contact
 * hash (ADR 0020).
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "Profiles, registered from token claims; contact discovery")
class UserController {

    private final UserDirectory directory;

    private final ConversationPeers peers;

    private final ContactDiscovery discovery;

    UserController(UserDirectory directory, ConversationPeers peers, ContactDiscovery discovery) {
        this.directory = directory;
        this.peers = peers;
        this.discovery = discovery;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's own record", description = "Registers or refreshes the caller from the token's "
            + "claims (name or preferred_username, phone_number or email) first. The only answer with a contact.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_USER })
    UserView me(@AuthenticationPrincipal Jwt jwt) {
        UserId me = directory.ensureRegistered(jwt);
        return directory.find(me).orElseThrow(() -> unknown(me.value()));
    }

    @GetMapping("/{userId}")
    @Operation(summary = "A user's public profile",
            description = "Your own id answers like /me. Another user's profile (id and name, never the contact) only "
                    + "if you share a conversation with them; otherwise 404 unknown_user, exactly as for an id "
                    + "that does not exist.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_USER })
    UserView user(@AuthenticationPrincipal Jwt jwt, @PathVariable String userId) {
        UserId user;
        try {
            user = UserId.of(userId);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "userId: " + ex.getMessage());
        }
        UserId caller = UserDirectory.subject(jwt);
        if (user.equals(caller)) {
            return me(jwt);
        }
        // The conversation first: a stranger's request costs the same read whether or
        // not the user exists, and answers the same.
        if (!peers.shareConversation(caller, user)) {
            throw unknown(userId);
        }
        return directory.find(user).map(UserView::publicProfile).orElseThrow(() -> unknown(userId));
    }

    @PostMapping("/discover")
    @Operation(summary = "Contact discovery",
            description = "Finds the registered users whose phone number or e-mail has one of the given hashes: "
                    + "SHA-256 (64 lowercase hex digits) of the E.164 number or the lowercased address; at most "
                    + ContactDiscovery.MAX_HASHES + " per request, each counting against the discover rate limit. "
                    + "Answers public profiles (id and name); you are never in the answer.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_JSON, ErrorCode.RATE_LIMITED,
            ErrorCode.SERVICE_UNAVAILABLE })
    DiscoverResponse discover(@AuthenticationPrincipal Jwt jwt, @RequestBody DiscoverRequest request) {
        return new DiscoverResponse(discovery.discover(UserDirectory.subject(jwt), request.hashes()));
    }

    private static ChatException unknown(String user) {
        return new ChatException(ErrorCode.UNKNOWN_USER, "No user '" + user + "'");
    }

}
