package com.acme.chat.relay.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.relay.testsupport.RelayTopics;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
@Import(RelayTopics.class)
class KafkaListenersIT {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    DefaultErrorHandler errorHandler;

    @Autowired
    ChatNamespace namespace;

    @Test
    void everyListenerIsInTheRelayGroupAndOnlyTheMessageListenerRunsManyThreads() {
        // the test profile gives every run its own group (chat.relay.kafka-group), so old
        // records are never replayed; groups are in the context's namespace
        assertThat(container("relay-messages").getGroupId()).startsWith(namespace.group("relay-it-"));
        assertThat(container("relay-deliveries").getGroupId()).startsWith(namespace.group("relay-it-"));
        assertThat(container("relay-presence").getGroupId()).startsWith(namespace.group("relay-it-"));
        assertThat(container("relay-receipts").getGroupId()).startsWith(namespace.group("relay-it-"))
            .endsWith("-receipts");
        assertThat(container("relay-acks").getGroupId()).startsWith(namespace.group("relay-it-")).endsWith("-acks");
        assertThat(concurrency("relay-messages")).isEqualTo(12);
        for (String id : new String[] { "relay-deliveries", "relay-presence", "relay-receipts", "relay-acks" }) {
            assertThat(concurrency(id)).as(id).isEqualTo(2);
        }
    }

    @Test
    void everyListenerCommitsOnlyHandledPollsAndRetriesFailuresInPlace() {
        for (String id : new String[] { "relay-messages", "relay-deliveries", "relay-presence", "relay-receipts",
                "relay-acks" }) {
            MessageListenerContainer container = container(id);
            assertThat(container.getContainerProperties().getAckMode()).as(id)
                .isEqualTo(ContainerProperties.AckMode.BATCH);
            assertThat(((AbstractMessageListenerContainer<?, ?>) container).getCommonErrorHandler()).as(id)
                .isSameAs(errorHandler);
        }
    }

    @Test
    void theAckListenerTakesWholePollsOfUpTo500Records() {
        MessageListenerContainer container = container("relay-acks");
        assertThat(container.getContainerProperties().getKafkaConsumerProperties())
            .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        assertThat(((AbstractMessageListenerContainer<?, ?>) container).getContainerProperties().getMessageListener())
            .isInstanceOf(BatchMessageListener.class);
    }

    private int concurrency(String id) {
        return ((ConcurrentMessageListenerContainer<?, ?>) container(id)).getConcurrency();
    }

    private MessageListenerContainer container(String id) {
        MessageListenerContainer container = listeners.getListenerContainer(id);
        assertThat(container).as(id).isNotNull();
        return container;
    }

}
