package com.acme.chat.messaging.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.config.MessagingProperties;

/**
 * Publishes integration events as JSON (with the {@code type} discriminator) to their
 * topic, keyed by their partition key, and waits for the broker acks ({@code acks=all},
 * idempotent producer). A caller acknowledges its client only after this returns, so an
 * event is never silently lost: a failure becomes a retryable
 * {@code service_unavailable}, and the client's retry re-publishes (consumers
 * deduplicate).
 */
@Component
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, String> kafka;

    private final ObjectWriter writer;

    private final long timeoutMillis;

    private final Counter failures;

    EventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, MessagingProperties properties,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.writer = json.writerFor(ChatEvent.class);
        this.timeoutMillis = properties.publishTimeout().toMillis();
        this.failures = Counter.builder("chat.messaging.publish.failures")
            .description("Event batches that Kafka did not acknowledge in time")
            .register(meters);
    }

    /**
     * Starts publishing; the returned future completes when the broker acknowledged every
     * event, or fails with a {@link ChatException} ({@code service_unavailable}).
     * @param events the events, published in this order (order matters only per topic and
     * key)
     * @return completion of all sends
     */
    public CompletableFuture<Void> publishAsync(List<? extends ChatEvent> events) {
        List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
        try {
            for (ChatEvent event : events) {
                sends.add(kafka.send(event.topic(), event.partitionKey(), writer.writeValueAsString(event)));
            }
        }
        catch (RuntimeException ex) {
            // send() itself fails when the producer cannot get metadata within
            // max.block.ms (broker away).
            return CompletableFuture.failedFuture(unavailable(events, ex));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
            .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .handle((done, ex) -> {
                if (ex != null) {
                    throw unavailable(events, ex);
                }
                return null;
            });
    }

    /**
     * Publishes and waits for the broker acks.
     * @param events the events
     * @throws ChatException {@code service_unavailable} if Kafka did not acknowledge them
     * in time
     */
    public void publish(List<? extends ChatEvent> events) {
        await(publishAsync(events));
    }

    /**
     * Waits for a publication started with {@link #publishAsync}.
     * @param publication the future
     */
    public void await(CompletableFuture<Void> publication) {
        try {
            publication.get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof ChatException chat) ? chat : unavailable(List.of(), ex);
        }
        catch (TimeoutException ex) {
            throw unavailable(List.of(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw unavailable(List.of(), ex);
        }
    }

    private ChatException unavailable(List<? extends ChatEvent> events, Throwable ex) {
        Throwable cause = (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null)
                ? ex.getCause() : ex;
        if (cause instanceof ChatException chat) {
            return chat;
        }
        failures.increment();
        log.warn("Kafka did not acknowledge {} event(s) in time: {}", events.size(), cause.toString());
        return new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                "Stored, but the event stream is temporarily unavailable; retry the same request");
    }

}
