package com.acme.chat.kit.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.kit.web.ChatException;

/**
 * The one way a service publishes {@link ChatEvent}s: as JSON with the {@code type}
 * discriminator, to the event's {@link ChatEvent#topic() topic} in the deployment's
 * {@link ChatNamespace}, keyed by its {@link ChatEvent#partitionKey() partition key},
 * with a failure policy chosen per call ({@link PublishPolicy}).
 * <p>
 * <b>Guarantees.</b> Events of one call are handed to the producer in list order, so
 * events with the same key keep that order (the producer is idempotent). An event counts
 * as published once the broker acknowledged it ({@code acks} as configured under
 * {@code spring.kafka.producer}); one that is not acknowledged within
 * {@code chat.kafka.publish-timeout} counts as failed, although the producer may still
 * deliver it later, so consumers must be idempotent (they are, see {@code Topics}).
 * Nothing is retried here: an {@link PublishPolicy#AWAIT} caller is told to retry, a
 * {@link PublishPolicy#BEST_EFFORT} caller accepts the loss.
 * <p>
 * <b>Threading.</b> {@code publish} returns once every event is handed to the producer,
 * which normally takes microseconds but blocks for up to the producer's
 * {@code max.block.ms} while the topic's metadata is unknown (broker away); a reactive
 * caller therefore calls it off the event loop. Completion is signalled on the producer's
 * network thread, or on the timeout scheduler.
 * <p>
 * <b>Metrics.</b> Timer {@code chat.kafka.publish}, from the send to the outcome, tagged
 * {@code topic} (as documented, without namespace) and {@code outcome}: {@code acked};
 * {@code timeout} (no ack within the publish timeout); {@code failed} (the producer
 * reported a failure, or could not take the event at all). Failures are logged by id,
 * rate-limited, never with the event's content.
 */
public class ChatEventPublisher {

    /** The timer of every publication. */
    public static final String METER = "chat.kafka.publish";

    static final String ACKED = "acked";

    static final String TIMEOUT = "timeout";

    static final String FAILED = "failed";

    /** Extra time {@link #await} allows beyond the publish timeout, for scheduling. */
    private static final long AWAIT_MARGIN_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(ChatEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;

    private final ObjectWriter writer;

    private final ChatNamespace namespace;

    private final long timeoutMillis;

    private final MeterRegistry meters;

    private final PublishFailureLog failures;

    public ChatEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, ChatNamespace namespace,
            Duration publishTimeout, MeterRegistry meters) {
        this(kafka, json, namespace, publishTimeout, meters, System::nanoTime);
    }

    ChatEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, ChatNamespace namespace,
            Duration publishTimeout, MeterRegistry meters, LongSupplier nanoClock) {
        this.kafka = kafka;
        this.writer = json.writerFor(ChatEvent.class);
        this.namespace = namespace;
        this.timeoutMillis = publishTimeout.toMillis();
        this.meters = meters;
        this.failures = new PublishFailureLog(log, nanoClock);
    }

    /**
     * Starts publishing one event.
     * @param event the event
     * @param policy what a failure means to the caller
     * @return see {@link #publish(List, PublishPolicy)}
     */
    public CompletableFuture<Void> publish(ChatEvent event, PublishPolicy policy) {
        return publish(List.of(event), policy);
    }

    /**
     * Starts publishing events, in this order.
     * @param events the events
     * @param policy what a failure means to the caller
     * @return completes when every event has its outcome: normally when all were acked;
     * with {@link PublishPolicy#AWAIT}, exceptionally with a {@link ChatException}
     * ({@code service_unavailable}) as the cause when any was not; with
     * {@link PublishPolicy#BEST_EFFORT}, normally in any case
     */
    public CompletableFuture<Void> publish(List<? extends ChatEvent> events, PublishPolicy policy) {
        CompletableFuture<?>[] sends = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < sends.length; i++) {
            sends[i] = send(events.get(i), policy);
        }
        return CompletableFuture.allOf(sends);
    }

    /**
     * Publishes with {@link PublishPolicy#AWAIT} and waits for the outcome.
     * @param events the events, published in this order
     * @throws ChatException {@code service_unavailable} when any event was not acked in
     * time
     */
    public void publishAndWait(List<? extends ChatEvent> events) {
        await(publish(events, PublishPolicy.AWAIT));
    }

    /**
     * Waits for a publication started with {@link #publish}, e.g. after doing other work
     * meanwhile.
     * @param publication the publication
     * @throws ChatException {@code service_unavailable} when it failed, or when the
     * thread was interrupted while waiting
     */
    public void await(CompletableFuture<Void> publication) {
        try {
            publication.get(timeoutMillis + AWAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof ChatException chat) ? chat : unavailable();
        }
        catch (TimeoutException ex) {
            throw unavailable();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private CompletableFuture<Void> send(ChatEvent event, PublishPolicy policy) {
        Timer.Sample sample = Timer.start(meters);
        CompletableFuture<Void> acked;
        try {
            acked = kafka.send(namespace.topic(event.topic()), event.partitionKey(), writer.writeValueAsString(event))
                .thenApply(result -> null);
        }
        catch (RuntimeException ex) {
            // send() itself throws when the producer cannot get the topic's metadata
            // within max.block.ms (broker away), or the event cannot be written.
            acked = CompletableFuture.failedFuture(ex);
        }
        return acked.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((done, ex) -> {
            Throwable cause = unwrap(ex);
            String outcome = (cause == null) ? ACKED : (cause instanceof TimeoutException) ? TIMEOUT : FAILED;
            sample.stop(Timer.builder(METER)
                .description("Events published to Kafka, from the send to the broker's ack or the failure")
                .tag("topic", event.topic())
                .tag("outcome", outcome)
                .register(meters));
            if (cause == null) {
                return null;
            }
            failures.failed(event, outcome, cause);
            if (policy == PublishPolicy.AWAIT) {
                throw unavailable();
            }
            return null;
        });
    }

    private static ChatException unavailable() {
        return new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                "The event stream is temporarily unavailable; retry the same request");
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable ex) {
        return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
    }

}
