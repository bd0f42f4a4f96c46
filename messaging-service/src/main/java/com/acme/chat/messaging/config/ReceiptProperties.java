package com.acme.chat.messaging.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.messaging.receipts.*}: group receipt counting and the read receipts setting
 * (docs/adr/0029).
 *
 * @param groupFlushInterval how often the receipts of a group are counted for its
 * senders, at most: the one {@code group_receipts} frame per group and sender per
 * interval
 * @param groupMaxSeqs most messages counted per group and flush (the newest of those
 * whose counts moved); also the window counted when this instance has not counted the
 * group before
 * @param groupCountedCapacity most groups whose last counted watermarks this instance
 * remembers, to count only the messages whose counts moved since
 * @param settingsCacheTtl how long an instance trusts a user's read receipts setting;
 * another instance's change applies within it
 */
@ConfigurationProperties("chat.messaging.receipts")
@Validated
public record ReceiptProperties(@DefaultValue("1s") @NotNull Duration groupFlushInterval,
        @DefaultValue("100") @Positive int groupMaxSeqs, @DefaultValue("10000") @Positive int groupCountedCapacity,
        @DefaultValue("30s") @NotNull Duration settingsCacheTtl) {
}
