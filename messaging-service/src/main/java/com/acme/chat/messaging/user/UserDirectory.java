package com.acme.chat.messaging.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingCaches;

/**
 * Who exists: a user exists once they have authenticated. Every authenticated request
 * registers or refreshes the caller's profile from the token's claims, at most once per
 * user and instance per {@code chat.messaging.user-refresh-interval}, so the hot path
 * costs a cache lookup. Users are never deleted, so positive existence checks are
 * remembered too. Both caches are bounded ({@code chat.messaging.known-user-capacity}); a
 * full one forgets its least useful entries, which then cost a read again.
 * <p>
 * The contact claim is also indexed for contact discovery ({@link ContactHash},
 * {@link ContactDiscovery}).
 */
@Component
public class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final UserRepository users;

    private final Clock clock;

    /** Users upserted recently; entries expire after the refresh interval. */
    private final Cache<UserId, Boolean> refreshed;

    private final Cache<UserId, Boolean> known;

    @Autowired
    UserDirectory(UserRepository users, Clock clock, ChatCaches caches) {
        this(users, clock, caches.get(MessagingCaches.USER_REFRESHES), caches.get(MessagingCaches.KNOWN_USERS));
    }

    UserDirectory(UserRepository users, Clock clock, Cache<UserId, Boolean> refreshed, Cache<UserId, Boolean> known) {
        this.users = users;
        this.clock = clock;
        this.refreshed = refreshed;
        this.known = known;
    }

    /**
     * Registers or refreshes the token's subject from its claims, unless that happened
     * recently on this instance.
     * @param jwt the validated token
     * @return the user id
     */
    public UserId ensureRegistered(Jwt jwt) {
        UserId user = subject(jwt);
        if (refreshed.getIfPresent(user) != null) {
            return user;
        }
        Instant now = clock.instant();
        String name = firstClaim(jwt, "name", "preferred_username");
        String contact = firstClaim(jwt, "phone_number", "email");
        Optional<UserView> stored = users.find(user);
        if (stored.isEmpty()) {
            users.save(user, name, contact, now, now);
            log.debug("Registered user {}", user);
        }
        else if (changed(stored.get().userName(), name) || changed(stored.get().contact(), contact)) {
            users.save(user, name, contact, null, now);
        }
        // At every refresh, not only on change: users registered before discovery
        // existed get their key too, and the write is idempotent.
        String contactHash = (contact != null) ? ContactHash.of(contact).orElse(null) : null;
        if (contactHash != null) {
            users.indexContact(contactHash, user);
        }
        refreshed.put(user, Boolean.TRUE);
        known.put(user, Boolean.TRUE);
        return user;
    }

    /**
     * @param user a user id
     * @return whether the user has ever authenticated
     */
    public boolean exists(UserId user) {
        if (known.getIfPresent(user) != null) {
            return true;
        }
        boolean exists = users.find(user).isPresent();
        if (exists) {
            known.put(user, Boolean.TRUE);
        }
        return exists;
    }

    /**
     * @param user a user id
     * @return the stored profile
     */
    public Optional<UserView> find(UserId user) {
        return users.find(user);
    }

    /**
     * The acting user of a request.
     * @param jwt the validated token
     * @return its subject as a user id
     * @throws ChatException {@code validation_failed} if the subject is not a valid user
     * id
     */
    public static UserId subject(Jwt jwt) {
        try {
            return UserId.of(jwt.getSubject());
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "The token subject is not a valid user id");
        }
    }

    private static boolean changed(@Nullable String stored, @Nullable String claimed) {
        return claimed != null && !claimed.equals(stored);
    }

    private static @Nullable String firstClaim(Jwt jwt, String... names) {
        for (String name : names) {
            String value = jwt.getClaimAsString(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

}
