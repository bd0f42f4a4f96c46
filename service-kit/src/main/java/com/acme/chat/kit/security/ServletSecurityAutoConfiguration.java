package com.acme.chat.kit.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
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
            Environment environment, ObjectProvider<JwtDecoder> decoder, JsonMapper json) {
        JwtPolicy.check(environment, properties.jwt());
        JwtDecoder configured = decoder.getIfAvailable();
        if (configured == null) {
            throw new IllegalStateException(JwtPolicy.missingDecoderMessage());
        }
        JwtDecoder checked = new CachingJwtDecoder(configured, JwtPolicy.validator(environment, properties.jwt()),
                properties.jwt().decodeCacheSize());
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(json);
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(requests -> requests.requestMatchers(properties.publicPaths().toArray(String[]::new))
                .permitAll()
                .anyRequest()
                .authenticated())
            .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(checked))
                .authenticationEntryPoint(entryPoint))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(entryPoint::forbidden));
        return http.build();
    }

    /** The one token source ({@link JwtPolicy#decoder}), with the policy's validators. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder chatJwtDecoder(ChatSecurityProperties properties, Environment environment) {
        return JwtPolicy.decoder(environment, properties.jwt(),
                (key, policy) -> validated(
                        NimbusJwtDecoder.withSecretKey(key).macAlgorithm(JwtPolicy.ALGORITHM).build(), policy),
                (uri, policy) -> validated(NimbusJwtDecoder.withJwkSetUri(uri).build(), policy),
                (uri, policy) -> new SupplierJwtDecoder(
                        () -> validated(NimbusJwtDecoder.withIssuerLocation(uri).build(), policy)));
    }

    private static NimbusJwtDecoder validated(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> policy) {
        decoder.setJwtValidator(policy);
        return decoder;
    }

}
