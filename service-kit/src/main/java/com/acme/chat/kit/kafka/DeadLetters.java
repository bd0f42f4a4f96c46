package com.acme.chat.kit.kafka;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.kit.cassandra.CassandraFailures;
import com.acme.chat.kit.web.ChatException;

/**
 * How every Kafka listener fails (the one {@code CommonErrorHandler}, which Boot applies
 * to its container factory):
 * <ul>
 * <li>A failure because a dependency is away (Cassandra unavailable or timing out, Redis
 * unreachable, a Kafka publish not acknowledged, a retryable {@link ChatException}) is
 * retried in place with a back-off from 200 ms doubling up to 10 s, for as long as it
 * takes: the partition waits, so nothing is lost and per-key order holds.</li>
 * <li>Any other failure (a bug, a record that can never be handled) is tried
 * {@code chat.kafka.dead-letter-attempts} times, {@code chat.kafka.dead-letter-backoff}
 * apart, then published unchanged to the topic's dead-letter topic ({@code <topic>.dlt},
 * with Spring Kafka's {@code kafka_dlt-*} headers naming the original topic, partition,
 * offset and exception) and its offset committed, so one bad record cannot block its
 * partition forever. A record that is not an event at all
 * ({@link UnreadableRecordException}) goes there at once. If the dead-letter publish
 * fails, the record is not committed and is tried again.</li>
 * </ul>
 * A dead-lettered record is logged at ERROR by position and exception (never its value,
 * which holds message bodies) and counted in {@code chat.kafka.records.dead_lettered},
 * tagged {@code topic} (as documented) and {@code exception}. Re-drive is an operator's
 * act: fix the cause, then copy the records back to the source topic (listeners are
 * idempotent).
 */
public final class DeadLetters {

    /** The counter of dead-lettered records. */
    public static final String DEAD_LETTERED_METER = "chat.kafka.records.dead_lettered";

    /** What a dead-letter topic's name adds to its source topic's. */
    public static final String SUFFIX = ".dlt";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** Failures of a dependency that is away, by class name (Redis is optional here). */
    private static final Set<String> TRANSIENT = Set.of(
            "org.springframework.data.redis.RedisConnectionFailureException",
            "org.springframework.dao.QueryTimeoutException", "io.lettuce.core.RedisCommandTimeoutException",
            "io.lettuce.core.RedisConnectionException", "java.util.concurrent.TimeoutException");

    private DeadLetters() {
    }

    /**
     * @param topic the (namespaced) source topic
     * @return its dead-letter topic
     */
    public static String topicOf(String topic) {
        return topic + SUFFIX;
    }

    /**
     * @param template where dead letters are published
     * @param properties attempts and back-off for permanent failures
     * @param namespace the deployment's namespace (for the documented topic tag)
     * @param meters where the counter goes
     * @return the error handler of every listener container
     */
    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, ChatKafkaProperties properties,
            ChatNamespace namespace, MeterRegistry meters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(topicOf(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
            publisher.accept(record, ex);
            deadLettered(record, ex, namespace, meters);
        }, untilItReturns());
        // The default back-off is the endless one, and permanent failures get theirs
        // here:
        // with a default that allows no retry, Spring Kafka would recover at once without
        // asking this function, so even a transient failure would be dead-lettered.
        handler.setBackOffFunction((record, ex) -> isTransient(ex) ? null : permanentBackOff(properties));
        handler.addNotRetryableExceptions(UnreadableRecordException.class);
        handler.setCommitRecovered(true);
        handler.setRetryListeners((record, ex, attempt) -> {
            if (attempt == 1 || attempt % 10 == 0) {
                log.warn("Record {}-{}@{} failed (attempt {}), retrying: {}", record.topic(), record.partition(),
                        record.offset(), attempt, root(ex));
            }
        });
        return handler;
    }

    /**
     * @param ex a listener's failure
     * @return whether it comes from a dependency being away (retried without limit)
     */
    public static boolean isTransient(Throwable ex) {
        if (CassandraFailures.transientCause(ex) != null) {
            return true;
        }
        for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
            if (cause instanceof RetriableException || TRANSIENT.contains(cause.getClass().getName())
                    || (cause instanceof ChatException chat && chat.code().retryable())) {
                return true;
            }
        }
        return false;
    }

    private static BackOff permanentBackOff(ChatKafkaProperties properties) {
        return new FixedBackOff(properties.deadLetterBackoff().toMillis(), properties.deadLetterAttempts() - 1L);
    }

    private static BackOff untilItReturns() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(10).toMillis());
        return backOff;
    }

    private static void deadLettered(ConsumerRecord<?, ?> record, Exception ex, ChatNamespace namespace,
            MeterRegistry meters) {
        Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
        log.error("Record {}-{}@{} sent to {} after it failed for good: {}", record.topic(), record.partition(),
                record.offset(), topicOf(record.topic()), root(ex));
        Counter.builder(DEAD_LETTERED_METER)
            .description("Kafka records sent to their dead-letter topic after they failed for good")
            .tag("topic", namespace.documentedTopic(record.topic()))
            .tag("exception", cause.getClass().getSimpleName())
            .register(meters)
            .increment();
    }

    private static String root(Throwable ex) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
        // A JSON failure's message may quote the record's value: its type only.
        return root.getClass().getName() + ((root instanceof JacksonException) ? "" : ": " + root.getMessage());
    }

}
