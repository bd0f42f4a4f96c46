package com.acme.chat.kit.kafka;

import java.util.Arrays;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import com.acme.chat.common.namespace.ChatNamespace;

/**
 * Builds the topic declarations of the topics a service owns (the producer declares; see
 * {@code Topics} in {@code common}). Returned as {@link KafkaAdmin.NewTopics}, which
 * Boot's {@link KafkaAdmin} creates at startup. Names are given as documented
 * ({@code chat.messages.v1}) and declared in the deployment's {@link ChatNamespace}.
 */
public final class ChatTopics {

    private final ChatKafkaProperties properties;

    private final ChatNamespace namespace;

    public ChatTopics(ChatKafkaProperties properties, ChatNamespace namespace) {
        this.properties = properties;
        this.namespace = namespace;
    }

    /**
     * @param name the topic as documented, e.g. {@code chat.messages.v1}
     * @return its declaration under the namespaced name
     */
    public NewTopic topic(String name) {
        return TopicBuilder.name(namespace.topic(name))
            .partitions(properties.partitions())
            .replicas(properties.replicationFactor())
            .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
            .build();
    }

    /**
     * @param name a consumed topic as documented, e.g. {@code chat.messages.v1}
     * @return the declaration of its dead-letter topic ({@link DeadLetters#topicOf}), one
     * partition, replicated like the others
     */
    public NewTopic deadLetter(String name) {
        return TopicBuilder.name(DeadLetters.topicOf(namespace.topic(name)))
            .partitions(1)
            .replicas(properties.replicationFactor())
            .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
            .build();
    }

    /**
     * @param names topics a service consumes, as documented
     * @return the declarations of their dead-letter topics
     */
    public KafkaAdmin.NewTopics declareDeadLetters(String... names) {
        return new KafkaAdmin.NewTopics(Arrays.stream(names).map(this::deadLetter).toArray(NewTopic[]::new));
    }

    /**
     * @param names topics as documented
     * @return their declarations under the namespaced names
     */
    public KafkaAdmin.NewTopics declare(String... names) {
        return new KafkaAdmin.NewTopics(Arrays.stream(names).map(this::topic).toArray(NewTopic[]::new));
    }

}
