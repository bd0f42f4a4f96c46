package com.acme.chat.kit.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Servlet services: every authenticated request takes a token from its user's
 * {@code rest} bucket before its handler runs; a refusal is a {@code ChatException}, so
 * the services' own exception handling answers 429 {@code rate_limited} with
 * {@code Retry-After}. Requests without a user (the probes, the OpenAPI document, the
 * local dev token endpoint) are not limited here.
 */
final class RestRateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    RestRateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            this.limiter.check(RateLimitProperties.REST, jwt.getName());
        }
        return true;
    }

}
