package com.acme.chat.wsmanager.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    private final OriginPolicy policy = new OriginPolicy(List.of("http://localhost:3000", "https://chat.example.com/"));

    @Test
    void nativeClientsWithoutOriginAreNotChecked() {
        assertThat(policy.allows(null)).isTrue();
    }

    @Test
    void allowsListedOriginsIgnoringCaseAndTrailingSlash() {
        assertThat(policy.allows("http://localhost:3000")).isTrue();
        assertThat(policy.allows("HTTP://LOCALHOST:3000/")).isTrue();
        assertThat(policy.allows("https://chat.example.com")).isTrue();
    }

    @Test
    void rejectsEverythingElse() {
        assertThat(policy.allows("http://localhost:3001")).isFalse();
        assertThat(policy.allows("https://evil.example")).isFalse();
        assertThat(policy.allows("http://chat.example.com")).isFalse();
        assertThat(policy.allows("null")).isFalse();
        assertThat(policy.allows("")).isFalse();
    }

    @Test
    void starAllowsAnyOrigin() {
        assertThat(new OriginPolicy(List.of("*")).allows("https://anything.example")).isTrue();
    }

}
