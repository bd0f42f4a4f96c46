package com.acme.chat.wsmanager.handshake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceIdRulesTest {

    @Test
    void acceptsAnOrdinaryDeviceId() {
        assertThat(HandshakeAuthenticator.deviceId("phone-1").value()).isEqualTo("phone-1");
    }

    @Test
    void rejectsTheReservedPseudoDevice() {
        assertThatThrownBy(() -> HandshakeAuthenticator.deviceId("*")).isInstanceOf(HandshakeRejectedException.class)
            .hasMessageContaining("reserved");
    }

    @Test
    void rejectsDotSegmentsAndLoneSurrogates() {
        for (String device : new String[] { ".", "..", "a\ud800" }) {
            assertThatThrownBy(() -> HandshakeAuthenticator.deviceId(device))
                .isInstanceOf(HandshakeRejectedException.class);
        }
    }

    @Test
    void rejectsMissingAndUrlBreakingDeviceIds() {
        assertThatThrownBy(() -> HandshakeAuthenticator.deviceId(null)).isInstanceOf(HandshakeRejectedException.class);
        assertThatThrownBy(() -> HandshakeAuthenticator.deviceId("a/b")).isInstanceOf(HandshakeRejectedException.class);
    }

}
