package com.acme.chat.testsupport;

import java.time.Duration;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * Tests consume from the end of the topics in a group of their own; a record produced
 * before the group got its partitions would be skipped. Waiting for the assignment first
 * makes such tests deterministic.
 */
public final class KafkaListeners {

    private KafkaListeners() {
    }

    /** Waits until every listener container of the context has partitions assigned. */
    public static void awaitAssignment(KafkaListenerEndpointRegistry registry) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MessageListenerContainer container : registry.getListenerContainers()) {
                if (container.isRunning()
                        && (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty())) {
                    return false;
                }
            }
            return true;
        });
    }

}
