package com.acme.chat.group;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.localstack.Component;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.PrivateServers;
import com.acme.chat.testsupport.Readiness;

/**
 * Readiness follows a Kafka outage: DOWN while the broker is away, UP again once it is
 * back, without a restart. Runs against a private Kafka ({@link PrivateServers}):
 * stopping it disturbs no other test and no running stack.
 */
@ChatIntegrationTest
@DirtiesContext
@Timeout(300)
class GroupKafkaOutageIT {

    private static Component privateKafka;

    @DynamicPropertySource
    static void privateKafka(DynamicPropertyRegistry registry) {
        privateKafka = PrivateServers.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void readinessFollowsAKafkaOutage() {
        Readiness.assertFollowsOutage("http://127.0.0.1:" + port, privateKafka, "kafka");
    }

}
