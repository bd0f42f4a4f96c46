package com.acme.chat.common.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A user account (the authenticated principal, typically the JWT subject). A user may
 * have several devices.
 * <p>
 * Serialises as a bare JSON string. Construction rejects null, blank, over-long (more
 * than {@value #MAX_LENGTH} characters) and whitespace-containing values, and values
 * containing {@code ':'}, which separates the two users in a
 * {@link ConversationId#direct(UserId, UserId) direct conversation id}; an instance is
 * always valid. During JSON reading the rejection surfaces as a Jackson
 * {@code DatabindException}.
 *
 * @param value the raw id
 */
public record UserId(String value) {

    /** Maximum length of {@link #value()}. */
    public static final int MAX_LENGTH = IdRules.MAX_LENGTH;

    public UserId {
        IdRules.check(value, "UserId", MAX_LENGTH);
        // A colon would make direct conversation ids ambiguous: (a:b, c) and (a, b:c)
        // would collide.
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("UserId must not contain ':'");
        }
    }

    /**
     * Wraps a raw id.
     * @param value the raw id
     * @return the typed id
     * @throws IllegalArgumentException if the value is not a valid id
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UserId of(String value) {
        return new UserId(value);
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
