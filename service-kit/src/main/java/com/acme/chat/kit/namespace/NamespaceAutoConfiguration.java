package com.acme.chat.kit.namespace;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import com.acme.chat.common.namespace.ChatNamespace;

/**
 * The {@link ChatNamespace} bean, from {@code chat.namespace} (empty unless set; the
 * tests set it). Named {@code chatNamespace}, so annotations can resolve names with SpEL,
 * e.g. {@code @KafkaListener(topics = "#{@chatNamespace.topic('chat.deliveries.v1')}")}.
 */
@AutoConfiguration
public class NamespaceAutoConfiguration {

    @Bean
    ChatNamespace chatNamespace(@Value("${chat.namespace:}") String namespace) {
        return ChatNamespace.of(namespace);
    }

}
