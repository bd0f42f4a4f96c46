package com.acme.chat.messaging.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactHashTest {

    @Test
    void hashesTheE164NumberAsSha256Hex() {
        // The vectors of docs/protocol.md: printf '%s' '+15550100123' | sha256sum
        assertThat(ContactHash.of("+15550100123"))
            .hasValue("71e19f521d9da9cc0015cba3830ccef960c34abdf3dc865e52fc58b1c9cfcd0c");
        assertThat(ContactHash.of("Bob@Example.com"))
            .hasValue("5ff860bf1190596c7188ab851db691f0f3169c453936e9e1eba2f9a47f7a0018");
        assertThat(ContactHash.of("+1 (555) 010-0123")).isEqualTo(ContactHash.of("+15550100123"));
        assertThat(ContactHash.of("+1.555.010.0123")).isEqualTo(ContactHash.of("+15550100123"));
    }

    @Test
    void lowercasesAndTrimsEmailAddresses() {
        assertThat(ContactHash.normalise("  Bob@Example.COM ")).hasValue("bob@example.com");
        assertThat(ContactHash.of("Bob@Example.COM")).isEqualTo(ContactHash.of("bob@example.com"));
    }

    @Test
    void numbersWithoutCountryCodeAndOtherTextCannotBeDiscovered() {
        assertThat(ContactHash.normalise("5550100123")).isEmpty();
        assertThat(ContactHash.normalise("+0123456789")).isEmpty();
        assertThat(ContactHash.normalise("@example.com")).isEmpty();
        assertThat(ContactHash.normalise("bob@")).isEmpty();
        assertThat(ContactHash.normalise("bob")).isEmpty();
    }

    @Test
    void recognisesOnlyLowercaseSha256Hex() {
        assertThat(ContactHash.isHash(ContactHash.of("+15550100123").orElseThrow())).isTrue();
        assertThat(ContactHash.isHash("+15550100123")).isFalse();
        assertThat(ContactHash.isHash("AB".repeat(32))).isFalse();
        assertThat(ContactHash.isHash("ab".repeat(31))).isFalse();
    }

}
