package com.acme.chat.messaging.user;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Registers or refreshes the caller on every authenticated request, before the handler
 * runs.
 */
class UserRegistrationInterceptor implements HandlerInterceptor {

    private final UserDirectory directory;

    UserRegistrationInterceptor(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            directory.ensureRegistered(jwt);
        }
        return true;
    }

}
