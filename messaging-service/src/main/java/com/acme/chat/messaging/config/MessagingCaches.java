package com.acme.chat.messaging.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.chat.kit.cache.ChatCacheSpec;

/**
 * The in-process caches of messaging-service, bounded by its properties. Each only saves
 * a Cassandra read; losing an entry costs that read, never correctness. Read through
 * {@code ChatCaches} by name; Boot meters them as {@code cache.*} with tag {@code cache}.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingCaches {

    /**
     * Conversation id to its highest seq, as the shard owner knows it (with the tenure it
     * was learnt in).
     */
    public static final String SEQ_HINTS = "seq-hints";

    /** (sender, clientMsgId) to the ack of a recent send, so a retry needs no read. */
    public static final String RECENT_SENDS = "recent-sends";

    /**
     * User ids whose profile this instance upserted within
     * {@code chat.messaging.user-refresh-interval}.
     */
    public static final String USER_REFRESHES = "user-refreshes";

    /**
     * Group id to its members as the group's writer knows them (with the tenure it was
     * learnt in); up to 1,024 members each, hence few entries.
     */
    public static final String GROUP_ROSTERS = "group-rosters";

    /**
     * Group conversation to the minute its writer last indexed for Get-Message (with the
     * tenure), so the time index costs one write per group per minute (docs/adr/0028).
     */
    public static final String GROUP_MINUTES = "group-minutes";

    /**
     * User id to whether they share read receipts, for
     * {@code chat.messaging.receipts.settings-cache-ttl}.
     */
    public static final String USER_SETTINGS = "user-settings";

    /** User ids known to exist (users are never deleted). */
    public static final String KNOWN_USERS = "known-users";

    @Bean
    ChatCacheSpec seqHintsCache(MessagingProperties properties) {
        return ChatCacheSpec.bounded(SEQ_HINTS, properties.seqHintCapacity());
    }

    @Bean
    ChatCacheSpec recentSendsCache(MessagingProperties properties) {
        return ChatCacheSpec.bounded(RECENT_SENDS, properties.recentSendCapacity());
    }

    @Bean
    ChatCacheSpec userRefreshesCache(MessagingProperties properties) {
        return ChatCacheSpec.bounded(USER_REFRESHES, properties.knownUserCapacity())
            .expiringAfterWrite(properties.userRefreshInterval());
    }

    @Bean
    ChatCacheSpec groupRostersCache() {
        return ChatCacheSpec.bounded(GROUP_ROSTERS, 2_000);
    }

    @Bean
    ChatCacheSpec groupMinutesCache(MessagingProperties properties) {
        return ChatCacheSpec.bounded(GROUP_MINUTES, properties.seqHintCapacity());
    }

    @Bean
    ChatCacheSpec userSettingsCache(MessagingProperties properties, ReceiptProperties receipts) {
        return ChatCacheSpec.bounded(USER_SETTINGS, properties.knownUserCapacity())
            .expiringAfterWrite(receipts.settingsCacheTtl());
    }

    @Bean
    ChatCacheSpec knownUsersCache(MessagingProperties properties) {
        return ChatCacheSpec.bounded(KNOWN_USERS, properties.knownUserCapacity());
    }

}
