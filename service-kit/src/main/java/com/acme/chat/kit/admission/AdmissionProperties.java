package com.acme.chat.kit.admission;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.admission.*}: how much work an instance admits at once before it answers
 * {@code overloaded} (see {@link AdmissionGate}).
 *
 * @param maxInFlightSends sends in flight at once in this instance; one more is refused
 * @param retryAfter the delay advised to a refused client (plus up to half of it at
 * random)
 */
@ConfigurationProperties("chat.admission")
@Validated
public record AdmissionProperties(@DefaultValue("256") @Positive int maxInFlightSends,
        @DefaultValue("1s") @NotNull Duration retryAfter) {

    /**
     * @param meters where the gate's meters go
     * @return the gate of sends, named {@code sends}
     */
    public AdmissionGate sendGate(MeterRegistry meters) {
        return new AdmissionGate("sends", maxInFlightSends, retryAfter, meters);
    }

}
