package com.acme.chat.messaging;

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
 * Readiness follows a Cassandra outage: DOWN while the node is away, UP again once it is
 * back, without a restart; writes answer a retryable 503 meanwhile (covered by the
 * service-kit advice tests). Runs against a private Cassandra ({@link PrivateServers}):
 * stopping it disturbs no other test and no running stack.
 */
@ChatIntegrationTest
@DirtiesContext
@Timeout(300)
class MessagingCassandraOutageIT {

    private static Component privateCassandra;

    @DynamicPropertySource
    static void privateCassandra(DynamicPropertyRegistry registry) {
        privateCassandra = PrivateServers.cassandra(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void readinessFollowsACassandraOutage() {
        Readiness.assertFollowsOutage("http://127.0.0.1:" + port, privateCassandra, "cassandra");
    }

}
