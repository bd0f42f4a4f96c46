package com.acme.chat.messaging.user;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.ratelimit.RateLimitProperties;
import com.acme.chat.kit.ratelimit.RateLimiter;
import com.acme.chat.kit.web.ChatException;

/**
 * Contact discovery (ADR 0020): which registered users have a contact whose hash the
 * caller sends. Plain SHA-256 of a phone number can be reversed by trying every number,
 * so the only protection of the index is the {@code discover} rate limit, charged one
 * token per distinct hash before anything is looked up, and checked strictly: while Redis
 * cannot be asked, discovery answers {@code service_unavailable} rather than run
 * unlimited. Every match is checked against the user's current contact, so a contact the
 * user no longer has is not found.
 */
@Service
class ContactDiscovery {

    /** Most hashes one request may carry. */
    static final int MAX_HASHES = 1000;

    /**
     * Lookups of one request in flight at once: a full request must not take the
     * Cassandra connection's whole budget of concurrent requests (1,024 by default).
     */
    private static final int LOOKUPS_IN_FLIGHT = 128;

    private final UserRepository users;

    private final @Nullable RateLimiter limits;

    ContactDiscovery(UserRepository users, ObjectProvider<RateLimiter> limits) {
        this.users = users;
        this.limits = limits.getIfAvailable();
    }

    /**
     * @param caller the asking user, never in the answer
     * @param hashes contact hashes ({@link ContactHash})
     * @return the matching users' public profiles
     * @throws ChatException {@code validation_failed} for a missing list, more than
     * {@link #MAX_HASHES} hashes or a malformed one; {@code rate_limited} past the
     * {@code discover} budget; {@code service_unavailable} while the budget cannot be
     * checked
     */
    List<UserView> discover(UserId caller, @Nullable List<String> hashes) {
        Set<String> distinct = validated(hashes);
        if (limits != null && !distinct.isEmpty()) {
            limits.checkStrictly(RateLimitProperties.DISCOVER, caller.value(), distinct.size());
        }
        List<UserView> found = new ArrayList<>();
        List<CompletableFuture<Optional<UserView>>> window = new ArrayList<>(LOOKUPS_IN_FLIGHT);
        for (String hash : distinct) {
            window.add(lookup(caller, hash));
            if (window.size() == LOOKUPS_IN_FLIGHT) {
                collect(window, found);
            }
        }
        collect(window, found);
        return found;
    }

    /** The match of one hash: the index row, then the user's current profile. */
    private CompletableFuture<Optional<UserView>> lookup(UserId caller, String hash) {
        return users.findByContactHash(hash)
            .thenCompose(user -> user.filter(u -> !u.equals(caller))
                .map(u -> users.findAsync(u).thenApply(profile -> profile.filter(p -> hasContact(p, hash))))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())))
            .toCompletableFuture();
    }

    private static void collect(List<CompletableFuture<Optional<UserView>>> window, List<UserView> found) {
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
        window.forEach(lookup -> lookup.join().map(UserView::publicProfile).ifPresent(found::add));
        window.clear();
    }

    private static Set<String> validated(@Nullable List<String> hashes) {
        if (hashes == null) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "hashes: required");
        }
        if (hashes.size() > MAX_HASHES) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED,
                    "hashes: at most " + MAX_HASHES + " per request, got " + hashes.size());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String hash : hashes) {
            if (hash == null || !ContactHash.isHash(hash)) {
                throw new ChatException(ErrorCode.VALIDATION_FAILED,
                        "hashes: each must be 64 lowercase hex digits (SHA-256)");
            }
            distinct.add(hash);
        }
        return distinct;
    }

    private static boolean hasContact(UserView user, String hash) {
        return user.contact() != null && ContactHash.of(user.contact()).filter(hash::equals).isPresent();
    }

}
