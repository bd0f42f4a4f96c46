package com.acme.chat.wsmanager.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatTopics;

/**
 * The topics websocket-manager-service produces to: presence and delivery acks. Boot's
 * KafkaAdmin creates them at startup if missing; nothing else does (the brokers do not
 * auto-create topics, and the local stack leaves topics to the services), so a topic a
 * service publishes to must be declared here.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics wsmanagerTopics(ChatTopics topics) {
        return topics.declare(Topics.PRESENCE, Topics.ACKS);
    }

}
