package com.acme.chat.kit.tracing;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.exporter.SpanReporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tracing parts Boot does not provide: the span log ({@code chat.tracing.log-spans},
 * on in the {@code local} profile) and spans for Cassandra statements. Everything else
 * (tracer, W3C propagation, sampling, HTTP server and client, Kafka, Redis observations,
 * OTLP export) is Boot's, configured by {@link TracingDefaults}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@EnableConfigurationProperties(ChatTracingProperties.class)
public class TracingKitAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty("chat.tracing.log-spans")
    SpanReporter chatSpanLog() {
        return new SpanLog();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CqlSession.class)
    static class Cassandra {

        /**
         * Wraps the service's {@link CqlSession}; statements run by the schema step
         * before that are not observed.
         */
        @Bean
        static BeanPostProcessor chatObservedCqlSession(ObjectProvider<ObservationRegistry> registry) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof CqlSession session && !(bean instanceof ObservedCqlSession)) {
                        ObservationRegistry observations = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
                        return new ObservedCqlSession(session, new CqlObservations(observations));
                    }
                    return bean;
                }
            };
        }

    }

}
