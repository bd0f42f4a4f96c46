package com.acme.chat.relay.device;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/devices/{deviceId}/replay}.
 *
 * @param after the {@code next} of the previous page; absent for the first page of a
 * connect
 * @param limit at most this many messages (1 to {@value ReplayController#MAX_LIMIT});
 * absent for {@code chat.relay.replay-batch-size}
 */
record ReplayRequest(@Valid @Nullable ReplayPosition after,
        @Nullable @Positive @Max(ReplayController.MAX_LIMIT) Integer limit) {
}
