package com.acme.chat.relay.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.FanoutRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.relay.config.RelayProperties;

/**
 * Takes a message with more than {@code chat.relay.large-fanout-threshold} recipients off
 * the partition of its conversation: splits its recipients into
 * {@code chat.relay.fanout-chunks} chunks ({@link FanoutChunks}) and publishes one
 * {@link FanoutRequested} per non-empty chunk on {@link Topics#FANOUT}, which relay's
 * fan-out listener delivers like any message. A 1,024-member group's message then holds
 * its {@code chat.messages.v1} partition for one Kafka round trip instead of a thousand
 * devices' rows and pushes, and its chunks are delivered in parallel on other consumers.
 * <p>
 * At least once: {@link #split} returns only when the broker acked every chunk, so the
 * message's offset is committed after its chunks are durable; a failure (broker away)
 * throws a retryable error and the listener handles the message again. A chunk published
 * twice is delivered twice, which is harmless (same rows; clients drop a repeated push by
 * messageId). Order: messages of a conversation are split in {@code seq} order (one
 * partition), and each member's chunk, and so partition, is the same for all of them.
 */
@Component
class LargeFanout {

    private static final Logger log = LoggerFactory.getLogger(LargeFanout.class);

    private final ChatEventPublisher events;

    private final int threshold;

    private final int chunks;

    private final Counter split;

    private final Counter published;

    LargeFanout(ChatEventPublisher events, RelayProperties properties, MeterRegistry meters) {
        this.events = events;
        this.threshold = properties.largeFanoutThreshold();
        this.chunks = properties.fanoutChunks();
        this.split = Counter.builder("chat.relay.fanout.split")
            .description("Messages with more recipients than the threshold, split into chunks")
            .register(meters);
        this.published = Counter.builder("chat.relay.fanout.chunks")
            .description("Chunks of large messages published to the fan-out topic")
            .register(meters);
    }

    /**
     * @param message a stored message
     * @return whether it has more distinct recipients than the threshold
     */
    boolean isLarge(MessageSent message) {
        return message.recipients().size() > threshold && new LinkedHashSet<>(message.recipients()).size() > threshold;
    }

    /**
     * Publishes the message's chunks and waits until the broker has acked all of them.
     * @param message a large message
     * @throws com.acme.chat.kit.web.ChatException {@code service_unavailable} when a
     * chunk was not acked in time (the listener retries the message)
     */
    void split(MessageSent message) {
        Instant now = Instant.now();
        List<List<UserId>> split = FanoutChunks.split(message.recipients(), chunks);
        List<FanoutRequested> requests = new ArrayList<>();
        for (int chunk = 0; chunk < split.size(); chunk++) {
            if (!split.get(chunk).isEmpty()) {
                requests.add(FanoutRequested.chunkOf(message, chunk, chunks, split.get(chunk), now));
            }
        }
        events.publishAndWait(requests);
        this.split.increment();
        published.increment(requests.size());
        log.debug("Message {} to {} recipients split into {} chunk(s)", message.messageId(),
                message.recipients().size(), requests.size());
    }

}
