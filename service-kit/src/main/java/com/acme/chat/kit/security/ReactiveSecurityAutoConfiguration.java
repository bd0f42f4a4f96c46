package com.acme.chat.kit.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
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
            ObjectProvider<ReactiveJwtDecoder> decoder, JsonMapper json) {
        if (decoder.getIfAvailable() == null) {
            throw new IllegalStateException(JwtDecoders.missingDecoderMessage());
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

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    @ConditionalOnProperty("chat.security.jwt.hmac-secret")
    ReactiveJwtDecoder hmacReactiveJwtDecoder(ChatSecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(JwtDecoders.hmacKey(properties.jwt()))
            .macAlgorithm(JwtDecoders.ALGORITHM)
            .build();
        decoder.setJwtValidator(JwtDecoders.validator(properties.jwt()));
        return decoder;
    }

}
