package com.acme.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The cluster id the launcher formats Kafka's storage with: one start in 64 failed in CI
 * when the id began with {@code -}, which {@code kafka-storage format -t} reads as an
 * option.
 */
class KafkaClusterIdTest {

    @Test
    void idsAreUrlSafeBase64OfSixteenBytesAndNeverLookLikeAnOption() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Servers.Kafka.clusterId();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotStartWith("-");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

}
