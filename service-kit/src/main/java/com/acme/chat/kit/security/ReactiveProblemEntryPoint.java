package com.acme.chat.kit.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.tracing.TraceIds;
import com.acme.chat.kit.web.Problems;

import tools.jackson.databind.json.JsonMapper;

/**
 * The reactive twin of {@link ProblemAuthenticationEntryPoint}: same status codes, header
 * and body.
 */
final class ReactiveProblemEntryPoint implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final JsonMapper json;

    ReactiveProblemEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        ErrorCode code = TokenErrors.isExpired(ex) ? ErrorCode.TOKEN_EXPIRED : ErrorCode.UNAUTHENTICATED;
        String challenge = ex instanceof InvalidBearerTokenException ? "Bearer error=\"invalid_token\"" : "Bearer";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return write(exchange, HttpStatus.UNAUTHORIZED, Problems.of(code, TokenErrors.describe(ex)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange,
            org.springframework.security.access.AccessDeniedException denied) {
        return write(exchange, HttpStatus.FORBIDDEN, Problems.of(ErrorCode.FORBIDDEN, "Access denied"));
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ProblemDetail problem) {
        Problems.withTraceId(problem, TraceIds.of(exchange));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory()
            .wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

}
