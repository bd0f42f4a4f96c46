package com.acme.chat.common.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Client-chosen id of a message, unique per sending user (a UUID is recommended). The
 * server deduplicates on (sender, clientMsgId), so resending the same message after a
 * lost ack never creates a second message.
 * <p>
 * Serialises as a bare JSON string. Construction rejects null, blank, over-long (more
 * than {@value #MAX_LENGTH} characters) and whitespace-containing values, so an instance
 * is always valid; during JSON reading that rejection surfaces as a Jackson
 * {@code DatabindException}.
 *
 * @param value the raw id
 */
public record ClientMessageId(String value) {

    /** Maximum length of {@link #value()}. */
    public static final int MAX_LENGTH = IdRules.MAX_LENGTH;

    public ClientMessageId {
        IdRules.check(value, "ClientMessageId", MAX_LENGTH);
    }

    /**
     * Wraps a raw id.
     * @param value the raw id
     * @return the typed id
     * @throws IllegalArgumentException if the value is not a valid id
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ClientMessageId of(String value) {
        return new ClientMessageId(value);
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
