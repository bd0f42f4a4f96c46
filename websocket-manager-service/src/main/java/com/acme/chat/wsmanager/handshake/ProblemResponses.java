package com.acme.chat.wsmanager.handshake;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.tracing.TraceIds;
import com.acme.chat.kit.web.Problems;

/**
 * Writes a rejected handshake as the project's ProblemDetail, the same shape every REST
 * error has.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ErrorCode code, String detail) {
        return write(exchange, json, code, detail, null);
    }

    /**
     * @param retryAfter an advised wait: the {@code Retry-After} header (whole seconds,
     * rounded up) and {@code retryAfterMs}, as on every REST answer
     */
    static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ErrorCode code, String detail,
            @Nullable Duration retryAfter) {
        ProblemDetail problem = Problems.withTraceId(Problems.of(code, detail), TraceIds.of(exchange));
        ServerHttpResponse response = exchange.getResponse();
        if (retryAfter != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Problems.withRetryAfter(problem, retryAfter));
        }
        response.setStatusCode(HttpStatusCode.valueOf(code.httpStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (code.httpStatus() == 401) {
            response.getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE,
                        code == ErrorCode.TOKEN_EXPIRED ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        DataBuffer body = response.bufferFactory()
            .wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

}
