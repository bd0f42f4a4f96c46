package com.acme.chat.kit.kafka;

/**
 * A record that can never become an event (no value, not JSON, an unknown type, a missing
 * required field): not retried, sent to the dead-letter topic at once
 * ({@link DeadLetters}). Its message names the reason only, never the record's content.
 */
public class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String reason) {
        super(reason);
    }

}
