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

import com.acme.chat.common.event.Topics;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.LocalServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The presence topic as relay sees it, from the moment this watcher was opened: the
 * {@code device_connected} and {@code device_disconnected} events of one user, in order.
 * A connection publishes {@code device_disconnected} only after its route cleanup ran, so
 * this is also how a test knows that cleanup has happened.
 */
public final class PresenceEvents implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String user;

    private final KafkaConsumer<String, String> consumer;

    private final List<JsonNode> events = new ArrayList<>();

    /**
     * Watches the events of {@code user} published after this call, on the presence topic
     * of the context's namespace.
     */
    public PresenceEvents(ChatNamespace namespace, String user) {
        this.user = user;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer
            .partitionsFor(namespace.topic(Topics.PRESENCE), Duration.ofSeconds(10))
            .stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test connects.
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
     * Waits for the user's {@code device_disconnected} of the given connection: its route
     * cleanup has run by then.
     */
    public JsonNode awaitDisconnected(String connectionId) {
        Predicate<JsonNode> wanted = event -> event.path("type").asString().equals("device_disconnected")
                && event.path("connectionId").asString().equals(connectionId);
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
