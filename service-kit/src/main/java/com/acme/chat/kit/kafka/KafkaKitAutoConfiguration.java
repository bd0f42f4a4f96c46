package com.acme.chat.kit.kafka;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

import com.acme.chat.common.namespace.ChatNamespace;

/**
 * Kafka plumbing for services that use Kafka: topic declaration, the
 * {@link ChatEventPublisher} every producer uses, the {@link ChatEventReader} every
 * listener uses, the listeners' error handler with dead-letter topics
 * ({@link DeadLetters}), and the {@code kafka} health indicator. Topic and group names go
 * through the {@link ChatNamespace}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(ChatKafkaProperties.class)
public class KafkaKitAutoConfiguration {

    @Bean
    ChatTopics chatTopics(ChatKafkaProperties properties, ChatNamespace namespace) {
        return new ChatTopics(properties, namespace);
    }

    @Bean
    @ConditionalOnBean({ KafkaTemplate.class, JsonMapper.class })
    ChatEventPublisher chatEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, ChatNamespace namespace,
            ChatKafkaProperties properties, MeterRegistry meters) {
        return new ChatEventPublisher(kafka, json, namespace, properties.publishTimeout(), meters);
    }

    /**
     * The error handler of every listener container ({@link DeadLetters}); a service may
     * declare its own {@link CommonErrorHandler} instead.
     */
    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, ChatKafkaProperties properties,
            ChatNamespace namespace, MeterRegistry meters) {
        return DeadLetters.errorHandler(kafka, properties, namespace, meters);
    }

    @Bean
    @ConditionalOnBean(JsonMapper.class)
    ChatEventReader chatEventReader(JsonMapper json, ChatNamespace namespace, MeterRegistry meters) {
        return new ChatEventReader(json, namespace, meters);
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, ChatKafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG,
                "health-" + config.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "chat"));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.healthTimeout().toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.healthTimeout().toMillis());
        return new KafkaHealthIndicator(AdminClient.create(config), properties.healthTimeout());
    }

}
