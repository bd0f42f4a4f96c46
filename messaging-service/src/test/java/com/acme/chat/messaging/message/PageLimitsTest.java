package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");

    @Test
    void defaultsToNowAndKeepsAPastBound() {
        assertThat(PageLimits.before("before", null, NOW)).isEqualTo(NOW);
        assertThat(PageLimits.before("before", "2026-11-27T21:10:00Z", NOW))
            .isEqualTo(Instant.parse("2026-11-27T21:10:00Z"));
    }

    @Test
    void clampsAFutureBoundToNow() {
        assertThat(PageLimits.before("before", "2030-01-01T00:00:00Z", NOW)).isEqualTo(NOW);
        assertThat(PageLimits.before("before", "+1000000000-12-31T23:59:59.999999999Z", NOW)).isEqualTo(NOW);
    }

    @Test
    void clampsABoundBeforeTheEpochToTheEpoch() {
        assertThat(PageLimits.before("before", "-1000000000-01-01T00:00:00Z", NOW)).isEqualTo(Instant.EPOCH);
        assertThat(PageLimits.before("before", "0001-01-01T00:00:00Z", NOW)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void theExtremeBoundsPageWithoutFailing() {
        for (String extreme : List.of("+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z")) {
            Instant bound = PageLimits.before("before", extreme, NOW);
            assertThat(TimelinePager.page(bound, 10, 3, (month, before, max) -> List.<Instant>of(), i -> i).items())
                .isEmpty();
        }
    }

    @Test
    void refusesAnUnreadableBound() {
        assertThatThrownBy(() -> PageLimits.before("before", "yesterday", NOW)).isInstanceOfSatisfying(
                ChatException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

}
