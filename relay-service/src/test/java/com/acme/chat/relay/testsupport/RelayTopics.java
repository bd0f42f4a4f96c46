package com.acme.chat.relay.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatTopics;

/**
 * Declares the topics relay consumes but other services declare (the broker does not
 * auto-create topics), in the context's namespace and before its listeners start, so they
 * get partitions assigned at once. Imported by every relay integration test, which keeps
 * them on one shared context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RelayTopics {

    @Bean
    KafkaAdmin.NewTopics consumedTopics(ChatTopics topics) {
        // Relay declares NOTIFICATIONS and RECEIPTS itself.
        return topics.declare(Topics.DELIVERIES, Topics.PRESENCE, Topics.ACKS);
    }

}
