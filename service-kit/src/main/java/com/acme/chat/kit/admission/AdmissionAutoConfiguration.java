package com.acme.chat.kit.admission;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Admission control of sends ({@code chat.admission.*}): the {@code sendAdmission}
 * {@link AdmissionGate}. Lazy, so that only services that take sends (websocket-manager,
 * messaging) create it and its meters.
 */
@AutoConfiguration
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionAutoConfiguration {

    @Bean
    @Lazy
    AdmissionGate sendAdmission(AdmissionProperties properties, MeterRegistry meters) {
        return properties.sendGate(meters);
    }

}
