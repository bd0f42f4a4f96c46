package com.acme.chat.kit.openapi;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.acme.chat.kit.security.ChatSecurityProperties;

/**
 * The shared parts of every service's OpenAPI document (see
 * {@link ChatOpenApiCustomizer}), for a service that has a springdoc starter. Off with
 * the document itself: {@code springdoc.api-docs.enabled=false} (e.g.
 * {@code SPRINGDOC_API_DOCS_ENABLED=false} in production) removes {@code /v3/api-docs}.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ChatSecurityProperties.class)
public class OpenApiKitAutoConfiguration {

    /**
     * Shown as the version when the build wrote no
     * {@code META-INF/build-info.properties}.
     */
    static final String UNKNOWN_VERSION = "unknown";

    private static final String HEALTH_GROUPS = "management.endpoint.health.group.";

    @Bean
    OpenApiCustomizer chatOpenApiCustomizer(Environment environment, ChatSecurityProperties security,
            ObjectProvider<SharedErrorCodes> sharedCodes, ObjectProvider<BuildProperties> build) {
        Binder binder = Binder.get(environment);
        BuildProperties buildProperties = build.getIfAvailable();
        String version = (buildProperties != null && buildProperties.getVersion() != null)
                ? buildProperties.getVersion() : UNKNOWN_VERSION;
        return new ChatOpenApiCustomizer(new ChatOpenApiCustomizer.OpenApiSettings(
                environment.getProperty("spring.application.name", "application"), version, security.publicPaths(),
                sharedCodes.orderedStream().toList(),
                environment.getProperty("management.endpoint.health.probes.add-additional-paths", Boolean.class, false),
                group(binder, "liveness", "livenessState"), group(binder, "readiness", "readinessState")));
    }

    @Bean
    OperationCustomizer errorResponsesCustomizer() {
        return new ErrorResponsesCustomizer();
    }

    private static List<String> group(Binder binder, String name, String fallback) {
        return binder.bind(HEALTH_GROUPS + name + ".include", Bindable.listOf(String.class)).orElse(List.of(fallback));
    }

}
