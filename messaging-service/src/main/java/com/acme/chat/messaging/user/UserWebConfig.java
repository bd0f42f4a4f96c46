package com.acme.chat.messaging.user;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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

}
