package com.acme.chat.relay.config;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;

/**
 * Reads the JSON value of a Kafka record as a {@link ChatEvent} (dispatching on its
 * {@code type}). A record that is not a valid event can never become one, so it is logged
 * (by position, never by content) and skipped instead of being retried forever.
 */
@Component
public class ChatEventReader {

    private static final Logger log = LoggerFactory.getLogger(ChatEventReader.class);

    private final JsonMapper json;

    ChatEventReader(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param record the record
     * @return the event, or null when the value is missing or not a readable event
     */
    public @Nullable ChatEvent read(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null) {
            log.warn("Skipping record without value at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
        try {
            return json.readValue(value, ChatEvent.class);
        }
        catch (JacksonException ex) {
            log.warn("Skipping unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    ex.getOriginalMessage());
            return null;
        }
    }

}
