package com.acme.chat.messaging.config;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import com.acme.chat.kit.cassandra.CassandraFailures;

/**
 * Error handling of the Kafka listeners (Boot applies the one {@code CommonErrorHandler}
 * bean to its container factory). A record whose processing failed because Cassandra is
 * away is retried with a capped exponential back-off until it succeeds, so nothing is
 * lost while storage is down (listeners are idempotent); any other failure is retried
 * twice and then skipped with a WARN, so one bad record cannot block its partition
 * forever.
 */
@Configuration(proxyBeanMethods = false)
class KafkaListenerConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaListenerConfig.class);

    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        DefaultErrorHandler handler = new DefaultErrorHandler(KafkaListenerConfig::skip, new FixedBackOff(1000, 2));
        handler.setBackOffFunction((record, ex) -> isTransient(ex) ? untilStorageReturns() : null);
        handler.setLogLevel(KafkaException.Level.WARN);
        handler.setRetryListeners((record, ex, attempt) -> log.warn("Record {}-{}@{} failed (attempt {}), retrying: {}",
                record.topic(), record.partition(), record.offset(), attempt, rootMessage(ex)));
        return handler;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception ex) {
        log.warn("Skipping record {}-{}@{} after retries: {}", record.topic(), record.partition(), record.offset(),
                rootMessage(ex));
    }

    private static BackOff untilStorageReturns() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    private static boolean isTransient(Exception ex) {
        return CassandraFailures.transientCause(ex) != null;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

}
