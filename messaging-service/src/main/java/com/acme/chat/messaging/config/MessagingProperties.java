package com.acme.chat.messaging.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.messaging.*}: settings of messaging-service, with local defaults that any
 * environment can override.
 *
 * @param maxTextChars longest message text accepted
 * @param historyPageSize default page size of Get-Message and conversation paging
 * @param maxHistoryPageSize largest page a client may ask for
 * @param seqLockTimeout how long a send waits for its conversation's writer slot on the
 * owner before answering 503
 * @param seqHintCapacity most conversations whose last seq this instance keeps in memory
 * (the cache {@code seq-hints}; a miss costs one read)
 * @param recentSendCapacity most recent sends whose ack this instance keeps, so a retry
 * is answered without a read (the cache {@code recent-sends})
 * @param timelineEmptyMonths Get-Message stops walking back after this many consecutive
 * empty months
 * @param userRefreshInterval a user's profile is upserted from their token at most this
 * often per instance (the cache {@code user-refreshes})
 * @param knownUserCapacity most user ids this instance remembers as existing, and most
 * recent profile refreshes (the caches {@code known-users} and {@code user-refreshes})
 */
@ConfigurationProperties("chat.messaging")
@Validated
public record MessagingProperties(@DefaultValue("4096") @Positive int maxTextChars,
        @DefaultValue("50") @Positive int historyPageSize, @DefaultValue("200") @Positive int maxHistoryPageSize,
        @DefaultValue("10s") @NotNull Duration seqLockTimeout, @DefaultValue("100000") @Positive int seqHintCapacity,
        @DefaultValue("100000") @Positive int recentSendCapacity, @DefaultValue("24") @Positive int timelineEmptyMonths,
        @DefaultValue("10m") @NotNull Duration userRefreshInterval,
        @DefaultValue("100000") @Positive int knownUserCapacity) {
}
