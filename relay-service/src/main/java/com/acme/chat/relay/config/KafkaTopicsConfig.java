package com.acme.chat.relay.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatTopics;

/**
 * The topics relay-service produces to, and the stored messages it fans out; Boot's
 * KafkaAdmin creates them at startup if they are missing. Relay publishes
 * {@code DELIVERED} receipts to {@link Topics#RECEIPTS}, the chunks of large fan-outs to
 * {@link Topics#FANOUT} (which it consumes itself), and consumes {@link Topics#MESSAGES},
 * which messaging-service declares too (with the same settings, so whoever starts first
 * creates them). {@link Topics#ACKS}, which it consumes, is websocket-manager's to
 * declare; its dead-letter topic is relay's, like those of the other topics it consumes.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics relayTopics(ChatTopics topics) {
        return topics.declare(Topics.MESSAGES, Topics.NOTIFICATIONS, Topics.RECEIPTS, Topics.FANOUT);
    }

    /** Where records of the consumed topics go when their handling fails for good. */
    @Bean
    KafkaAdmin.NewTopics relayDeadLetterTopics(ChatTopics topics) {
        return topics.declareDeadLetters(Topics.MESSAGES, Topics.DELIVERIES, Topics.PRESENCE, Topics.RECEIPTS,
                Topics.FANOUT, Topics.ACKS);
    }

}
