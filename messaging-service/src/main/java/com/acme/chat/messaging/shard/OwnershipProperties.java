package com.acme.chat.messaging.shard;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.messaging.ownership.*}: conversation shards and their leases (ADR 0014).
 *
 * @param group which instances share the shards: every instance of one deployment must
 * name the same group (default {@code messaging}); tests give each in-process context a
 * group of its own, so that contexts of one JVM do not forward to each other
 * @param shards how many shards conversations are spread over; fixed for the life of a
 * deployment (changing it needs every instance stopped first)
 * @param leaseDuration how long a renewal keeps a shard, counted by the owner from before
 * the renewal was sent
 * @param renewInterval how often the owner renews, and how often other instances look at
 * the leases; well below {@code leaseDuration}
 * @param takeoverMargin how much longer than {@code leaseDuration} a contender waits
 * after it last saw a lease change before it takes the shard over
 * @param advertisedAddress the base URL other instances forward sends to (default
 * {@code http://127.0.0.1:<server.port>})
 * @param forwardTimeout how long a forwarded send may take before it answers 503
 */
@ConfigurationProperties("chat.messaging.ownership")
@Validated
public record OwnershipProperties(@DefaultValue("messaging") @NotBlank String group,
        @DefaultValue("16") @Positive int shards, @DefaultValue("10s") @NotNull Duration leaseDuration,
        @DefaultValue("3s") @NotNull Duration renewInterval, @DefaultValue("1s") @NotNull Duration takeoverMargin,
        @Nullable String advertisedAddress, @DefaultValue("10s") @NotNull Duration forwardTimeout) {

    public OwnershipProperties {
        if (renewInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("chat.messaging.ownership.renew-interval (" + renewInterval
                    + ") must be shorter than lease-duration (" + leaseDuration + ")");
        }
    }

}
