package com.acme.chat.messaging.message;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

/**
 * Parsing and range checks of paging parameters, each failure a {@code validation_failed}
 * naming the parameter.
 */
final class PageLimits {

    private PageLimits() {
    }

    static int limit(@Nullable Integer requested, int defaultLimit, int maxLimit) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > maxLimit) {
            throw invalid("limit: must be between 1 and " + maxLimit);
        }
        return requested;
    }

    /**
     * An exclusive upper time bound ({@code before}), clamped to [epoch, now]: no message
     * is sent in the future or before 1970, so a bound outside that range selects what
     * the clamped one does, and the paging arithmetic never leaves the calendar's range.
     */
    static Instant before(String name, @Nullable String value, Instant now) {
        if (value == null || value.isEmpty()) {
            return now;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw invalid(name + ": must be an ISO-8601 instant such as 2026-11-27T21:10:00Z");
        }
        if (parsed.isAfter(now)) {
            return now;
        }
        return parsed.isBefore(Instant.EPOCH) ? Instant.EPOCH : parsed;
    }

    static void atLeast(String name, @Nullable Long value, long min) {
        if (value != null && value < min) {
            throw invalid(name + ": must be at least " + min);
        }
    }

    private static ChatException invalid(String detail) {
        return new ChatException(ErrorCode.VALIDATION_FAILED, detail);
    }

}
