package com.acme.chat.relay.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.LocalServers;

/**
 * Publishes events as the other services do: JSON {@code ChatEvent} strings, keyed by
 * their partition key, to their topic in the namespace of the service under test.
 */
public final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private final JsonMapper json;

    private final ChatNamespace namespace;

    public EventProducer(JsonMapper json, ChatNamespace namespace) {
        this.json = json;
        this.namespace = namespace;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalServers.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new StringSerializer());
    }

    /** Sends an event and waits until the broker has it. */
    public void send(ChatEvent event) {
        send(event, Map.of());
    }

    /**
     * Sends an event with record headers (e.g. {@code traceparent}) and waits until the
     * broker has it.
     */
    public void send(ChatEvent event, Map<String, String> headers) {
        String value = json.writerFor(ChatEvent.class).writeValueAsString(event);
        ProducerRecord<String, String> record = new ProducerRecord<>(namespace.topic(event.topic()),
                event.partitionKey(), value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        send(record, event.getClass().getSimpleName());
    }

    /**
     * Sends any value (e.g. one that is not an event) and waits until the broker has it.
     * @param topic the topic as documented
     */
    public void sendRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(namespace.topic(topic), key, value), "a raw record");
    }

    private void send(ProducerRecord<String, String> record, String what) {
        try {
            producer.send(record).get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot publish " + what, ex);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

}
