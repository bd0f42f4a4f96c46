package com.acme.chat.wsmanager.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.LocalServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One user's events on a topic this service publishes to (keyed by user id), as its
 * consumers see them, from the moment this watcher was opened, in order.
 */
public final class UserEvents implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String user;

    private final KafkaConsumer<String, String> consumer;

    private final List<JsonNode> events = new ArrayList<>();

    /**
     * Watches the events of {@code user} published after this call.
     * @param namespace the context's namespace
     * @param topic the topic as documented, e.g. {@code chat.presence.v1}
     * @param user the user, the records' key
     */
    public UserEvents(ChatNamespace namespace, String topic, String user) {
        this.user = user;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(namespace.topic(topic), Duration.ofSeconds(10))
            .stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test acts.
        partitions.forEach(consumer::position);
    }

    /**
     * Waits until exactly {@code count} events of the user have arrived; returns them.
     */
    public List<JsonNode> awaitEvents(int count) {
        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            assertThat(events).hasSize(count);
        });
        return List.copyOf(events);
    }

    /**
     * Waits for the user's first event that is {@code wanted}; returns it.
     */
    public JsonNode awaitEvent(Predicate<JsonNode> wanted) {
        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            assertThat(events).anyMatch(wanted);
        });
        return events.stream().filter(wanted).findFirst().orElseThrow();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (user.equals(record.key())) {
                events.add(Json.read(record.value()));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

}
