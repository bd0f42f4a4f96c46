package com.acme.chat.wsmanager.handshake;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void ticketIs32RandomBytesAsUnpaddedBase64Url() {
        String ticket = Tickets.newTicket(random);

        assertThat(ticket).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(ticket)).hasSize(32);
        assertThat(Tickets.isWellFormed(ticket)).isTrue();
    }

    @Test
    void ticketsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(Tickets.newTicket(random))).isTrue();
        }
    }

    @Test
    void rejectsMalformedTicketsBeforeTheyReachRedis() {
        assertThat(Tickets.isWellFormed("")).isFalse();
        assertThat(Tickets.isWellFormed("short")).isFalse();
        assertThat(Tickets.isWellFormed("a".repeat(42) + "=")).isFalse();
        assertThat(Tickets.isWellFormed("a".repeat(42) + "/")).isFalse();
        assertThat(Tickets.isWellFormed("a".repeat(44))).isFalse();
        assertThat(Tickets.isWellFormed("*".repeat(43))).isFalse();
    }

}
