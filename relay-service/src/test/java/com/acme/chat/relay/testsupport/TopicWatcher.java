package com.acme.chat.relay.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.LocalServers;

import static org.awaitility.Awaitility.await;

/**
 * Reads what is published on a topic from the moment it is opened (no consumer group: all
 * partitions assigned, positioned at their end), to find the event a test expects. The
 * topic is named as documented and read in the namespace of the service under test.
 */
public final class TopicWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    private final JsonMapper json;

    public TopicWatcher(String documentedTopic, ChatNamespace namespace, JsonMapper json) {
        this.json = json;
        String topic = namespace.topic(documentedTopic);
        this.consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
            .stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test triggers the
        // event.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
    }

    /**
     * Waits for the first event of a type that matches, published since this watcher was
     * opened.
     */
    public <T extends ChatEvent> T awaitEvent(Class<T> type, Predicate<T> matching, Duration atMost) {
        AtomicReference<T> found = new AtomicReference<>();
        await().atMost(atMost).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                ChatEvent event = json.readValue(record.value(), ChatEvent.class);
                if (type.isInstance(event) && matching.test(type.cast(event)) && found.get() == null) {
                    found.set(type.cast(event));
                }
            }
            return found.get() != null;
        });
        return found.get();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

}
