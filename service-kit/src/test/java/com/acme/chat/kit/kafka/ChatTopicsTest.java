package com.acme.chat.kit.kafka;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.namespace.ChatNamespace;

import static org.assertj.core.api.Assertions.assertThat;

class ChatTopicsTest {

    private static final ChatKafkaProperties PROPERTIES = new ChatKafkaProperties(6, (short) 3, 2,
            Duration.ofSeconds(5), Duration.ofSeconds(2), 3, Duration.ofSeconds(1));

    @Test
    void declaresTheDocumentedNamesWithoutANamespace() {
        NewTopic topic = new ChatTopics(PROPERTIES, ChatNamespace.none()).topic(Topics.MESSAGES);

        assertThat(topic.name()).isEqualTo(Topics.MESSAGES);
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void declaresNamespacedNamesInANamespace() {
        ChatTopics topics = new ChatTopics(PROPERTIES, ChatNamespace.of("t1abc"));

        assertThat(topics.topic(Topics.MESSAGES).name()).isEqualTo("t1abc." + Topics.MESSAGES);
        assertThat(topics.topic(Topics.RECEIPTS).name()).isEqualTo("t1abc." + Topics.RECEIPTS);
    }

    @Test
    void declaresADeadLetterTopicPerConsumedTopicWithOnePartition() {
        NewTopic dead = new ChatTopics(PROPERTIES, ChatNamespace.of("t1abc")).deadLetter(Topics.MESSAGES);

        assertThat(dead.name()).isEqualTo("t1abc." + Topics.MESSAGES + ".dlt");
        assertThat(dead.numPartitions()).isEqualTo(1);
        assertThat(dead.replicationFactor()).isEqualTo((short) 3);
        assertThat(dead.configs()).containsEntry("min.insync.replicas", "2");
    }

}
