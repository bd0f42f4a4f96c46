package com.acme.chat.messaging.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.openapi.SharedErrorCodes;

/** Hooks user registration into every request that reaches a handler. */
@Configuration(proxyBeanMethods = false)
class UserWebConfig implements WebMvcConfigurer {

    private final UserDirectory directory;

    UserWebConfig(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UserRegistrationInterceptor(directory));
    }

    /**
     * The registration runs before every authenticated handler, so any of them answers
     * {@code validation_failed} for a token whose subject is not a valid user id (the
     * OpenAPI document says so on every protected operation).
     */
    @Bean
    SharedErrorCodes userRegistrationErrorCodes() {
        return SharedErrorCodes.of(ErrorCode.VALIDATION_FAILED);
    }

}
