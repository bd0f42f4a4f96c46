package com.acme.chat.kit.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.namespace.ChatNamespace;

/**
 * The one way a listener reads a record: its JSON value as a {@link ChatEvent},
 * dispatching on the {@code type} discriminator. A record that can never become an event
 * (no value, not JSON, an unknown type, a missing required field) is never retried: it is
 * logged at WARN by its position only (topic, partition, offset; never its content),
 * counted in {@code chat.kafka.records.skipped}, tagged {@code topic} (as documented,
 * without namespace) and {@code reason} ({@code no_value}, {@code unreadable}), and
 * thrown as an {@link UnreadableRecordException}, which {@link DeadLetters} sends to the
 * topic's dead-letter topic at once. Thread-safe.
 */
public class ChatEventReader {

    /** The counter of skipped records. */
    public static final String SKIPPED_METER = "chat.kafka.records.skipped";

    private static final Logger log = LoggerFactory.getLogger(ChatEventReader.class);

    private final ObjectReader reader;

    private final ChatNamespace namespace;

    private final MeterRegistry meters;

    public ChatEventReader(JsonMapper json, ChatNamespace namespace, MeterRegistry meters) {
        this.reader = json.readerFor(ChatEvent.class);
        this.namespace = namespace;
        this.meters = meters;
    }

    /**
     * @param record the record
     * @return the event
     * @throws UnreadableRecordException when the record can never be read as an event
     */
    public ChatEvent read(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null) {
            return skip(record, "no_value", "no value");
        }
        try {
            return reader.readValue(value);
        }
        catch (JacksonException ex) {
            // The exception's message may quote the value, so only its type is logged.
            return skip(record, "unreadable", ex.getClass().getSimpleName());
        }
    }

    private ChatEvent skip(ConsumerRecord<String, String> record, String reason, String why) {
        log.warn("Skipping a record that is not an event at {}-{}@{}: {}", record.topic(), record.partition(),
                record.offset(), why);
        Counter.builder(SKIPPED_METER)
            .description("Kafka records that can never be read as an event (sent to the dead-letter topic)")
            .tag("topic", namespace.documentedTopic(record.topic()))
            .tag("reason", reason)
            .register(meters)
            .increment();
        throw new UnreadableRecordException(reason + " (" + why + ")");
    }

}
