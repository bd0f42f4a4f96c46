package com.acme.chat.wsmanager.config;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Browsers fetch their handshake ticket cross-origin with an {@code Authorization}
 * header, which needs a CORS preflight. The shared security chain has no CORS support, so
 * this filter answers preflights for the ticket endpoint before the chain would reject
 * them as unauthenticated. Only the origins allowed to open the WebSocket are allowed.
 */
@Configuration(proxyBeanMethods = false)
class TicketCorsConfig {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CorsWebFilter ticketCorsWebFilter(WsManagerProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/ws-tickets", cors);
        return new CorsWebFilter(source);
    }

}
