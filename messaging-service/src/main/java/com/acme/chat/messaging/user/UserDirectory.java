package com.acme.chat.messaging.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingProperties;

/**
 * Who exists: a user exists once they have authenticated. Every authenticated request
 * registers or refreshes the caller's profile from the token's claims, at most once per
 * user and instance per {@code chat.messaging.user-refresh-interval}, so the hot path
 * costs a map lookup. Users are never deleted, so positive existence checks are
 * remembered too.
 */
@Component
public class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final UserRepository users;

    private final Clock clock;

    private final Duration refreshInterval;

    private final int capacity;

    private final Map<String, Instant> lastUpsert = new ConcurrentHashMap<>();

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    UserDirectory(UserRepository users, Clock clock, MessagingProperties properties) {
        this.users = users;
        this.clock = clock;
        this.refreshInterval = properties.userRefreshInterval();
        this.capacity = properties.knownUserCapacity();
    }

    /**
     * Registers or refreshes the token's subject from its claims, unless that happened
     * recently on this instance.
     * @param jwt the validated token
     * @return the user id
     */
    public UserId ensureRegistered(Jwt jwt) {
        UserId user = subject(jwt);
        Instant now = clock.instant();
        Instant last = lastUpsert.get(user.value());
        if (last != null && last.plus(refreshInterval).isAfter(now)) {
            return user;
        }
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
        remember(user, now);
        return user;
    }

    /**
     * @param user a user id
     * @return whether the user has ever authenticated
     */
    public boolean exists(UserId user) {
        if (known.contains(user.value())) {
            return true;
        }
        boolean exists = users.find(user).isPresent();
        if (exists) {
            rememberKnown(user.value());
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

    private void remember(UserId user, Instant now) {
        if (lastUpsert.size() >= capacity) {
            lastUpsert.values().removeIf(at -> !at.plus(refreshInterval).isAfter(now));
            if (lastUpsert.size() >= capacity) {
                lastUpsert.clear();
            }
        }
        lastUpsert.put(user.value(), now);
        rememberKnown(user.value());
    }

    private void rememberKnown(String user) {
        if (known.size() >= capacity) {
            // Losing entries only costs a lookup; a bounded set keeps the heap flat.
            known.clear();
        }
        known.add(user);
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
