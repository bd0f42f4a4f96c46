package com.acme.chat.common.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.UserId;

/**
 * Deliver a stored message to one chunk of its recipients: what relay-service publishes
 * on {@link Topics#FANOUT} instead of delivering a message with more recipients than
 * {@code chat.relay.large-fanout-threshold} on the partition of its conversation, so that
 * one large group does not hold up the small conversations sharing that partition. Relay
 * consumes it itself and delivers to the chunk's recipients as it would to the whole
 * message's.
 * <p>
 * A recipient falls into the chunk {@code hash(userId) mod chunks}, and {@code chunks} is
 * fixed by configuration, not by the group's size: a member is in the same chunk for
 * every message of the conversation, the record key {@link #chunkKey()} keeps the chunks
 * of one index on one partition, so each member's messages of a conversation arrive in
 * {@code seq} order. The event id derives from the message and the chunk, so a chunk
 * published again (the original record handled again after a crash) carries the same id;
 * delivery is idempotent anyway.
 *
 * @param eventId event id, derived from message id and chunk
 * @param occurredAt when relay split the message
 * @param version schema version, {@value #VERSION}
 * @param chunkKey the record key: {@code <conversationId>:<chunk>}
 * @param chunk this chunk's index, from 0
 * @param chunks how many chunks the recipients were split into (empty ones are not
 * published)
 * @param recipients the members of this chunk, in the order of the message's recipients
 * @param message the stored message, as messaging published it (its {@code recipients}
 * are all the members)
 */
public record FanoutRequested(UUID eventId, Instant occurredAt, int version, String chunkKey, int chunk, int chunks,
        List<UserId> recipients, MessageSent message) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "fanout_requested";

    /** The current schema version. */
    public static final int VERSION = 1;

    public FanoutRequested {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(chunkKey, "chunkKey");
        Objects.requireNonNull(message, "message");
        if (chunks < 1 || chunk < 0 || chunk >= chunks) {
            throw new IllegalArgumentException("chunk " + chunk + " of " + chunks);
        }
        recipients = (recipients != null) ? List.copyOf(recipients) : List.of();
    }

    /**
     * One chunk of a message's recipients, with the id and key derived from message and
     * chunk.
     * @param message the stored message
     * @param chunk the chunk's index
     * @param chunks how many chunks there are
     * @param recipients the chunk's recipients
     * @param occurredAt when the message was split
     * @return the event
     */
    public static FanoutRequested chunkOf(MessageSent message, int chunk, int chunks, List<UserId> recipients,
            Instant occurredAt) {
        UUID eventId = UUID
            .nameUUIDFromBytes(("fanout:" + message.messageId() + ":" + chunk).getBytes(StandardCharsets.UTF_8));
        return new FanoutRequested(eventId, occurredAt, VERSION, message.conversationId().value() + ":" + chunk, chunk,
                chunks, recipients, message);
    }

    @Override
    public String topic() {
        return Topics.FANOUT;
    }

    @Override
    public String partitionKey() {
        return chunkKey;
    }

}
