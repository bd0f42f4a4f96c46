package com.acme.chat.messaging;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.OutageContract;
import com.acme.chat.testsupport.PrivateServers;

/**
 * messaging follows a Cassandra outage; its writes answer a retryable 503 meanwhile (the
 * service-kit advice tests cover that).
 */
@ChatIntegrationTest
class MessagingCassandraOutageIT extends OutageContract {

    @DynamicPropertySource
    static void privateCassandra(DynamicPropertyRegistry registry) {
        PrivateServers.cassandra(registry);
    }

    @Override
    protected String server() {
        return "cassandra";
    }

}
