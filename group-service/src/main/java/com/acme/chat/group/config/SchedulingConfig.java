package com.acme.chat.group.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Time: the service's clock (UTC, injected so time-dependent rules can be tested) and the
 * scheduler that runs the sweep for unpublished group log entries (ADR 0025).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
