package com.acme.chat.messaging.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatTopics;

/**
 * The topics messaging-service produces to, and chat.groups.v1, which it consumes; Boot's
 * KafkaAdmin creates them at startup if they are missing.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics messagingTopics(ChatTopics topics) {
        return topics.declare(Topics.MESSAGES, Topics.DELIVERIES, Topics.RECEIPTS, Topics.GROUPS);
    }

    /** Where receipt records go when their handling fails for good. */
    @Bean
    KafkaAdmin.NewTopics messagingDeadLetterTopics(ChatTopics topics) {
        return topics.declareDeadLetters(Topics.RECEIPTS, Topics.GROUPS);
    }

}
