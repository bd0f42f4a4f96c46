package com.acme.chat.kit.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * Servlet services: stateless, every request but {@code chat.security.public-paths} needs
 * a valid JWT, and a missing or bad token gets a ProblemDetail with a stable code
 * ({@code unauthenticated}, {@code token_expired}).
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ChatSecurityProperties.class)
public class ServletSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain chatSecurityFilterChain(HttpSecurity http, ChatSecurityProperties properties,
            ObjectProvider<JwtDecoder> decoder, JsonMapper json) {
        if (decoder.getIfAvailable() == null) {
            throw new IllegalStateException(JwtDecoders.missingDecoderMessage());
        }
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(json);
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(requests -> requests.requestMatchers(properties.publicPaths().toArray(String[]::new))
                .permitAll()
                .anyRequest()
                .authenticated())
            .oauth2ResourceServer(resourceServer -> resourceServer.jwt(
                    jwt -> jwt.decoder(CachingJwtDecoder.wrap(decoder.getObject(), properties.jwt().decodeCacheSize())))
                .authenticationEntryPoint(entryPoint))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(entryPoint::forbidden));
        return http.build();
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    @ConditionalOnProperty("chat.security.jwt.hmac-secret")
    JwtDecoder hmacJwtDecoder(ChatSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(JwtDecoders.hmacKey(properties.jwt()))
            .macAlgorithm(JwtDecoders.ALGORITHM)
            .build();
        decoder.setJwtValidator(JwtDecoders.validator(properties.jwt()));
        return decoder;
    }

}
