package com.acme.chat.kit.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The tracing settings every service shares, as property defaults: in
 * {@code META-INF/chat/tracing-defaults.properties} (Kafka observations on, so records
 * carry {@code traceparent}; production sampling; W3C propagation only), plus
 * {@code tracing-defaults-local.properties} when the {@code local} profile is active
 * (every trace recorded, the span log on). They rank below every other property source,
 * so a service's {@code application.yml}, an environment variable or a command-line
 * argument overrides each of them.
 */
public class TracingDefaults implements EnvironmentPostProcessor {

    static final String DEFAULTS = "chatTracingDefaults";

    static final String LOCAL_DEFAULTS = "chatTracingLocalDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        sources.addLast(load(DEFAULTS, "META-INF/chat/tracing-defaults.properties"));
        if (environment.matchesProfiles("local")) {
            sources.addBefore(DEFAULTS, load(LOCAL_DEFAULTS, "META-INF/chat/tracing-defaults-local.properties"));
        }
    }

    private static PropertiesPropertySource load(String name, String location) {
        try {
            return new PropertiesPropertySource(name, PropertiesLoaderUtils
                .loadProperties(new ClassPathResource(location, TracingDefaults.class.getClassLoader())));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + location + " from service-kit", ex);
        }
    }

}
