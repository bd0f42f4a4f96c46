package com.acme.chat.kit.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

import com.acme.chat.kit.web.ChatException;
import com.acme.chat.kit.web.Problems;

/**
 * Servlet services: every {@code /api/**} request takes a token from its client address's
 * {@code rest-ip} bucket before security looks at its token, so a flood of requests with
 * bad or no tokens is refused as cheaply as a flood of good ones. The address is
 * {@code getRemoteAddr()}, the client's behind the trusted proxies
 * ({@code chat.web.trusted-proxies}). Outside Spring MVC, so the 429 {@code rate_limited}
 * ProblemDetail (with {@code Retry-After}) is written here, in the services' shape.
 */
final class RestAddressRateLimit extends OncePerRequestFilter {

    private final RateLimiter limiter;

    private final JsonMapper json;

    RestAddressRateLimit(RateLimiter limiter, JsonMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            this.limiter.check(RateLimitProperties.REST_IP, request.getRemoteAddr());
        }
        catch (ChatException refused) {
            ResponseEntity<ProblemDetail> answer = Problems.response(refused);
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            this.json.writeValue(response.getOutputStream(), answer.getBody());
            return;
        }
        chain.doFilter(request, response);
    }

}
