package com.acme.chat.kit.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Registers the project's exception handler (servlet or reactive) before Boot's own
 * ProblemDetail handler would be, and the strict JSON reading ({@link StrictJson}) of
 * every body.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration" })
@EnableConfigurationProperties(WebLimitsProperties.class)
public class WebKitAutoConfiguration {

    /**
     * Makes Spring's {@code JsonMapper} (REST bodies, WebSocket frames) read strictly.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonCustomizer() {
        return StrictJson::configure;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Servlet {

        @Bean
        ResponseEntityExceptionHandler apiExceptionHandler() {
            return new ApiExceptionHandler();
        }

        /**
         * Ahead of everything, security included: an oversized body is refused whoever
         * sends it.
         */
        @Bean
        FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(WebLimitsProperties limits) {
            FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                    new RequestBodyLimit(limits.maxRequestBody().toBytes()));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            return registration;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {

        @Bean
        org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler reactiveApiExceptionHandler() {
            return new ReactiveApiExceptionHandler();
        }

    }

}
