package com.acme.chat.kit.tracing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingDefaultsTest {

    private static StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        new TracingDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void kafkaRecordsCarryTheTraceAndFewTracesAreRecordedByDefault() {
        StandardEnvironment environment = environment();

        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.01");
        assertThat(environment.getProperty("management.tracing.propagation.type")).isEqualTo("w3c");
        assertThat(environment.getProperty("chat.tracing.log-spans")).isNull();
        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
    }

    @Test
    void localProfileRecordsAndLogsEveryTrace() {
        StandardEnvironment environment = environment("local");

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
        assertThat(environment.getProperty("chat.tracing.log-spans")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
    }

    @Test
    void everyOtherSourceOverridesTheDefaults() {
        StandardEnvironment environment = environment("local");
        environment.getPropertySources()
            .addFirst(new MapPropertySource("service", Map.of("management.tracing.sampling.probability", "0.5",
                    "spring.kafka.listener.observation-enabled", "false")));

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("false");
        assertThat(environment.getPropertySources()
            .precedenceOf(environment.getPropertySources().get(TracingDefaults.LOCAL_DEFAULTS)))
            .isEqualTo(environment.getPropertySources().size() - 2);
    }

}
