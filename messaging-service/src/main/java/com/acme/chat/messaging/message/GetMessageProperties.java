package com.acme.chat.messaging.message;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.messaging.get-message.*}: how Get-Message merges group streams
 * (docs/adr/0028).
 *
 * @param clockStep how far a group's writer's clock may be behind the previous writer's
 * (ADR 0014: a shard changes owner): a message at a lower seq may have a {@code sentAt}
 * up to this much later than one at a higher seq. A larger step than this can leave a
 * message out of Get-Message (never out of paging by seq). Each group read for a page
 * reads this much further back.
 * @param headReadsInFlight most groups whose head is read at once for one page
 */
@ConfigurationProperties("chat.messaging.get-message")
@Validated
public record GetMessageProperties(@DefaultValue("1s") @NotNull Duration clockStep,
        @DefaultValue("64") @Positive int headReadsInFlight) {
}
