package com.acme.chat.kit.tracing;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.acme.chat.testsupport.RecordedSpans;

/**
 * A context with the tracing a service gets (Boot's observation and OpenTelemetry
 * auto-configurations, the kit's), every trace recorded into {@link RecordedSpans}.
 */
final class KitTracing {

    private KitTracing() {
    }

    static ApplicationContextRunner context() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, TracingKitAutoConfiguration.class))
            .withPropertyValues("spring.application.name=kit-test", "management.tracing.sampling.probability=1.0")
            .withUserConfiguration(RecordedSpans.Config.class);
    }

}
