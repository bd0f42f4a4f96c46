package com.acme.chat.wsmanager.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatTopics;

/**
 * The topics websocket-manager-service produces to; Boot's KafkaAdmin creates them at
 * startup if missing.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics wsmanagerTopics(ChatTopics topics) {
        return topics.declare(Topics.PRESENCE);
    }

}
