package com.acme.chat.wsmanager.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.chat.wsmanager.config.WsManagerProperties;

/** The instance's outbound memory budget, from {@code chat.wsmanager.outbound-*}. */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

    @Bean
    OutboundBudget outboundBudget(WsManagerProperties properties, MeterRegistry meters) {
        OutboundBudget budget = new OutboundBudget(properties.outboundQueueBytes().toBytes(),
                properties.outboundTotalLimit());
        Gauge.builder("chat.wsmanager.outbound.bytes", budget, OutboundBudget::used)
            .description("Heap held by frames not yet written to their sockets, all connections")
            .baseUnit("bytes")
            .register(meters);
        return budget;
    }

}
