package com.acme.chat.messaging.config;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.messaging.*}: settings of messaging-service, with local defaults that any environment can override.
 *
 * @param maxTextChars longest message text accepted
 * @param historyPageSize default page size of Get-Message
 * @param maxHistoryPageSize largest page a client may ask for
 */
@ConfigurationProperties("chat.messaging")
@Validated
public record MessagingProperties(@DefaultValue("4096") @Positive int maxTextChars,
        @DefaultValue("50") @Positive int historyPageSize,
        @DefaultValue("200") @Positive int maxHistoryPageSize) {
}
