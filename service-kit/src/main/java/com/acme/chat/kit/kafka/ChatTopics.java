package com.acme.chat.kit.kafka;

import java.util.Arrays;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Builds the topic declarations of the topics a service owns (the producer declares; see
 * {@code Topics} in {@code common}). Returned as {@link KafkaAdmin.NewTopics}, which
 * Boot's {@link KafkaAdmin} creates at startup.
 */
public final class ChatTopics {

    private final ChatKafkaProperties properties;

    public ChatTopics(ChatKafkaProperties properties) {
        this.properties = properties;
    }

    public NewTopic topic(String name) {
        return TopicBuilder.name(name)
            .partitions(properties.partitions())
            .replicas(properties.replicationFactor())
            .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
            .build();
    }

    public KafkaAdmin.NewTopics declare(String... names) {
        return new KafkaAdmin.NewTopics(Arrays.stream(names).map(this::topic).toArray(NewTopic[]::new));
    }

}
