package com.acme.chat.common.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One device (phone, desktop, browser) of a user; a user may have several connected at
 * once, each with its own delivery queue.
 * <p>
 * Serialises as a bare JSON string. Construction rejects null, blank, over-long (more
 * than {@value #MAX_LENGTH} characters) and whitespace-containing values, so an instance
 * is always valid; during JSON reading that rejection surfaces as a Jackson
 * {@code DatabindException}.
 *
 * @param value the raw id
 */
public record DeviceId(String value) {

    /** Maximum length of {@link #value()}. */
    public static final int MAX_LENGTH = IdRules.MAX_LENGTH;

    /**
     * The pseudo device under which relay-service queues messages for a user who has no
     * device yet; never a client's device ({@link #ofClient(String)}).
     */
    public static final String UNASSIGNED = "*";

    /**
     * The sending device of a group's system messages, which no client sent; never a
     * client's device ({@link #ofClient(String)}).
     */
    public static final DeviceId SYSTEM = new DeviceId("*system");

    public DeviceId {
        IdRules.check(value, "DeviceId", MAX_LENGTH);
    }

    /**
     * Wraps a raw id.
     * @param value the raw id
     * @return the typed id
     * @throws IllegalArgumentException if the value is not a valid id
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeviceId of(String value) {
        return new DeviceId(value);
    }

    /**
     * Wraps an id a client chose for one of its devices (handshake, REST
     * {@code X-Device-Id}): a valid id that does not start with {@value #UNASSIGNED}
     * (reserved for {@link #UNASSIGNED} and {@link #SYSTEM}).
     * @param value the raw id
     * @return the typed id
     * @throws IllegalArgumentException if the value is not a valid id or is reserved
     */
    public static DeviceId ofClient(String value) {
        if (value != null && value.startsWith(UNASSIGNED)) {
            throw new IllegalArgumentException("DeviceId must not start with '" + UNASSIGNED + "': reserved");
        }
        return new DeviceId(value);
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
