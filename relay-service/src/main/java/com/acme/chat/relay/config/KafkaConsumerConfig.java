package com.acme.chat.relay.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How relay's listeners fail: a record whose processing throws (Cassandra or Redis away)
 * is retried in place with an exponential back-off capped at 10 s, and never skipped, so
 * the container never commits past a delivery that is not queued yet. The partition waits
 * meanwhile, which keeps one user's deliveries in order. Records that can never succeed
 * (unreadable JSON) are skipped by the listeners themselves (service-kit's
 * {@code ChatEventReader}), not here.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerConfig.class);

    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        // Only reached for exceptions classified as not retryable (e.g. a
        // ClassCastException): log and move on.
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> log.error("Giving up on record {}-{}@{}",
                record.topic(), record.partition(), record.offset(), ex), backOff);
        handler.setCommitRecovered(true);
        return handler;
    }

}
