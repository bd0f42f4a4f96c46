package com.acme.chat.kit.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.Problems;

import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as ProblemDetails with the stable codes {@code unauthenticated},
 * {@code token_expired} and {@code forbidden}, keeping the RFC 6750
 * {@code WWW-Authenticate} header.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    private final JsonMapper json;

    ProblemAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        bearer.commence(request, response, ex);
        ErrorCode code = TokenErrors.isExpired(ex) ? ErrorCode.TOKEN_EXPIRED : ErrorCode.UNAUTHENTICATED;
        write(response, Problems.of(code, TokenErrors.describe(ex)));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        write(response, Problems.of(ErrorCode.FORBIDDEN, "Access denied"));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

}
