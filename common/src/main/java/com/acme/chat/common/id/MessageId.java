package com.acme.chat.common.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Server-assigned id of a message, unique across all conversations and stable for the
 * message's lifetime.
 * <p>
 * Serialises as a bare JSON string. Construction rejects null, blank, over-long (more
 * than {@value #MAX_LENGTH} characters) and whitespace-containing values, so an instance
 * is always valid; during JSON reading that rejection surfaces as a Jackson
 * {@code DatabindException}.
 *
 * @param value the raw id
 */
public record MessageId(String value) {

    /** Maximum length of {@link #value()}. */
    public static final int MAX_LENGTH = IdRules.MAX_LENGTH;

    public MessageId {
        IdRules.check(value, "MessageId", MAX_LENGTH);
    }

    /**
     * Wraps a raw id.
     * @param value the raw id
     * @return the typed id
     * @throws IllegalArgumentException if the value is not a valid id
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Returns the raw value, so ids read naturally in log lines and string keys. */
    @Override
    public String toString() {
        return value;
    }

}
