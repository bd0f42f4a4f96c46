package com.acme.chat.relay.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.LocalServers;

/**
 * Creates the topics relay consumes but other services declare (the broker does not
 * auto-create topics), so the listeners find them when the context starts. Call from
 * {@code @BeforeAll}, after the servers are up.
 */
public final class RelayTopics {

    private static volatile boolean ensured;

    private RelayTopics() {
    }

    public static void ensure() {
        if (ensured) {
            return;
        }
        try (AdminClient admin = AdminClient
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap()))) {
            for (String topic : List.of(Topics.DELIVERIES, Topics.PRESENCE, Topics.RECEIPTS, Topics.NOTIFICATIONS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                }
                catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic, ex);
                    }
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        ensured = true;
    }

}
