package com.acme.chat.kit.admission;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AdmissionGateTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final AdmissionGate gate = new AdmissionGate("sends", 2, Duration.ofMillis(1000), meters);

    @Test
    void admitsUpToTheLimitThenRefusesUntilOneEnds() {
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.tryEnter()).isTrue();
        assertThat(gate.inFlight()).isEqualTo(2);

        assertThat(gate.tryEnter()).isFalse();
        assertThat(meters.get(AdmissionGate.REJECTED_METER).tag("gate", "sends").counter().count()).isEqualTo(1);

        gate.exit();
        assertThat(gate.tryEnter()).isTrue();
        assertThat(meters.get(AdmissionGate.IN_FLIGHT_METER).tag("gate", "sends").gauge().value()).isEqualTo(2);
    }

    @Test
    void refusalIsOverloadedWithAJitteredRetryDelay() {
        for (int i = 0; i < 50; i++) {
            ChatException refusal = gate.overloaded("send");
            assertThat(refusal.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(refusal.retryAfter()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1500));
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new AdmissionGate("x", 0, Duration.ofSeconds(1), new SimpleMeterRegistry()));
    }

}
