package com.acme.chat.kit.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

import com.acme.chat.kit.tracing.TraceIds;

/**
 * The WebFlux twin of {@link ApiExceptionHandler}: same codes, same ProblemDetail shape;
 * the {@code traceId} is the request's own (WebFlux keeps no span on the thread).
 */
@RestControllerAdvice
public class ReactiveApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReactiveApiExceptionHandler.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> handleChat(ChatException ex, ServerWebExchange exchange) {
        return traced(Problems.response(ex), exchange);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        return traced(Problems.unexpected(log, ex), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
            @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return super.handleExceptionInternal(ex, body, headers, status, exchange).doOnNext(response -> {
            if (response.getBody() instanceof ProblemDetail problem) {
                Problems.withTraceId(Problems.decorate(problem, ErrorCodes.forSpringException(ex, status)),
                        TraceIds.of(exchange));
            }
        });
    }

    private static ResponseEntity<ProblemDetail> traced(ResponseEntity<ProblemDetail> response,
            ServerWebExchange exchange) {
        ProblemDetail problem = response.getBody();
        if (problem != null) {
            Problems.withTraceId(problem, TraceIds.of(exchange));
        }
        return response;
    }

}
