package com.acme.chat.kit.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reactive services (the WebSocket handler): the same rules as
 * {@link ServletSecurityAutoConfiguration}, for WebFlux.
 */
@AutoConfiguration(
        before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ChatSecurityProperties.class)
public class ReactiveSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain chatSecurityWebFilterChain(ServerHttpSecurity http, ChatSecurityProperties properties,
            Environment environment, ObjectProvider<ReactiveJwtDecoder> decoder, JsonMapper json) {
        JwtPolicy.check(environment, properties.jwt());
        if (decoder.getIfAvailable() == null) {
            throw new IllegalStateException(JwtPolicy.missingDecoderMessage());
        }
        ReactiveProblemEntryPoint problems = new ReactiveProblemEntryPoint(json);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .authorizeExchange(exchanges -> exchanges.pathMatchers(properties.publicPaths().toArray(String[]::new))
                .permitAll()
                .anyExchange()
                .authenticated())
            .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.jwtDecoder(decoder.getObject()))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .exceptionHandling(
                    exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .build();
    }

    /**
     * The one token source ({@link JwtPolicy#decoder}), with the policy's validators; the
     * WebSocket handshake uses this bean directly.
     */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    ReactiveJwtDecoder chatReactiveJwtDecoder(ChatSecurityProperties properties, Environment environment) {
        return JwtPolicy.decoder(environment, properties.jwt(),
                (key, policy) -> validated(
                        NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(JwtPolicy.ALGORITHM).build(), policy),
                (uri, policy) -> validated(NimbusReactiveJwtDecoder.withJwkSetUri(uri).build(), policy),
                (uri, policy) -> new SupplierReactiveJwtDecoder(
                        () -> validated(NimbusReactiveJwtDecoder.withIssuerLocation(uri).build(), policy)));
    }

    private static NimbusReactiveJwtDecoder validated(NimbusReactiveJwtDecoder decoder,
            OAuth2TokenValidator<Jwt> policy) {
        decoder.setJwtValidator(policy);
        return decoder;
    }

}
