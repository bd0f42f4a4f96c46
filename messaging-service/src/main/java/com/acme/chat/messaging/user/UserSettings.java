package com.acme.chat.messaging.user;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.stereotype.Service;

import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCaches;
import com.acme.chat.messaging.config.MessagingCaches;

/**
 * A user's own settings; today one, {@code readReceipts} (default on). Off means, as in
 * WhatsApp and reciprocally: the user's read position is stored (his devices sync it) but
 * not told to anyone else, and he is not told anyone else's (docs/adr/0029). Delivered
 * receipts are not affected.
 * <p>
 * Read on every receipt count and listing, so each instance remembers settings for
 * {@code chat.messaging.receipts.settings-cache-ttl} (the cache {@code user-settings}): a
 * change applies at once on the instance that took it and within that time on the others.
 */
@Service
public class UserSettings {

    private static final int READ_WINDOW = 100;

    private final UserSettingsRepository settings;

    private final Cache<UserId, Boolean> readReceipts;

    private final Clock clock;

    UserSettings(UserSettingsRepository settings, ChatCaches caches, Clock clock) {
        this.settings = settings;
        this.readReceipts = caches.get(MessagingCaches.USER_SETTINGS);
        this.clock = clock;
    }

    /**
     * @return whether the user shares (and sees) read receipts
     */
    public boolean readReceipts(UserId user) {
        return readReceipts.get(user, key -> settings.readReceipts(key).orElse(true));
    }

    /**
     * @return those of {@code users} who turned read receipts off
     */
    public Set<UserId> withoutReadReceipts(Collection<UserId> users) {
        Map<UserId, Boolean> known = readReceipts.getAll(users, this::load);
        return known.entrySet()
            .stream()
            .filter(entry -> !entry.getValue())
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    }

    /**
     * Reads the missing settings in parallel, {@value #READ_WINDOW} at a time: a large
     * group's members are many.
     */
    private Map<UserId, Boolean> load(Set<? extends UserId> missing) {
        Map<UserId, Boolean> loaded = new LinkedHashMap<>();
        Map<UserId, CompletableFuture<Optional<Boolean>>> window = new LinkedHashMap<>();
        for (UserId user : missing) {
            window.put(user, settings.readReceiptsAsync(user).toCompletableFuture());
            if (window.size() == READ_WINDOW) {
                collect(window, loaded);
            }
        }
        collect(window, loaded);
        return loaded;
    }

    private static void collect(Map<UserId, CompletableFuture<Optional<Boolean>>> window, Map<UserId, Boolean> loaded) {
        window.forEach((user, read) -> loaded.put(user, read.join().orElse(true)));
        window.clear();
    }

    SettingsView view(UserId user) {
        return new SettingsView(readReceipts(user));
    }

    SettingsView update(UserId user, boolean readReceiptsOn) {
        settings.saveReadReceipts(user, readReceiptsOn, clock.instant());
        readReceipts.put(user, readReceiptsOn);
        return new SettingsView(readReceiptsOn);
    }

}
