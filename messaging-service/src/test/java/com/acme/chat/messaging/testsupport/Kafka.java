package com.acme.chat.messaging.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.LocalServers;

/**
 * Plain Kafka clients against the local broker, as another service would see the topics.
 * Topics are named as documented ({@code Topics}) and used in the namespace of the
 * service under test (its {@link ChatNamespace} bean), so the tests see exactly what that
 * service publishes and consumes.
 */
public final class Kafka {

    private final ChatNamespace namespace;

    public Kafka(ChatNamespace namespace) {
        this.namespace = namespace;
    }

    /**
     * @param topic a topic as documented
     * @return its name in the namespace, as records carry it
     */
    public String topic(String topic) {
        return namespace.topic(topic);
    }

    /**
     * A consumer in a fresh group, assigned to every partition of the topics and
     * positioned at their current end, so it sees exactly what is published after this
     * call.
     * @param topics topics as documented
     */
    public KafkaConsumer<String, String> consumerAtEnd(String... topics) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalServers.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
                namespace.group("messaging-it-" + UUID.randomUUID()), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic(topic), Duration.ofSeconds(10))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the test publishes
        // anything.
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(10)));
        return consumer;
    }

    public static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(250)).forEach(records::add);
        return records;
    }

    /**
     * Publishes an event as another service would (its topic and key, its JSON) and waits
     * for the broker's ack.
     * @param json the service's mapper
     */
    public void publish(ChatEvent event, JsonMapper json) {
        publish(event.topic(), event.partitionKey(), json.writeValueAsString(event));
    }

    /**
     * Publishes a raw value and waits for the broker's ack.
     * @param topic a topic as documented
     */
    public void publish(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic(topic), key, value)).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot publish to " + topic, ex);
        }
    }

}
