package com.acme.chat.relay.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
        ProducerRecord<String, String> record = record(event);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        send(record, event.getClass().getSimpleName());
    }

    /**
     * Sends events all at once and then waits until the broker has every one of them, so
     * that a consumer may get them in one poll.
     */
    public void sendAll(List<? extends ChatEvent> events) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (ChatEvent event : events) {
            sends.add(producer.send(record(event)));
        }
        sends.forEach(send -> await(send, "a batch of events"));
    }

    /**
     * Sends any value (e.g. one that is not an event) and waits until the broker has it.
     * @param topic the topic as documented
     */
    public void sendRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(namespace.topic(topic), key, value), "a raw record");
    }

    private ProducerRecord<String, String> record(ChatEvent event) {
        return new ProducerRecord<>(namespace.topic(event.topic()), event.partitionKey(),
                json.writerFor(ChatEvent.class).writeValueAsString(event));
    }

    private void send(ProducerRecord<String, String> record, String what) {
        await(producer.send(record), what);
    }

    private static void await(Future<RecordMetadata> send, String what) {
        try {
            send.get(60, TimeUnit.SECONDS);
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
