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

/**
 * The WebFlux twin of {@link ApiExceptionHandler}: same codes, same ProblemDetail shape.
 */
@RestControllerAdvice
public class ReactiveApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReactiveApiExceptionHandler.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> handleChat(ChatException ex) {
        return Problems.response(ex.code(), ex.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        return Problems.unexpected(log, ex);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
            @Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return super.handleExceptionInternal(ex, body, headers, status, exchange).doOnNext(response -> {
            if (response.getBody() instanceof ProblemDetail problem) {
                Problems.decorate(problem, ErrorCodes.forSpringException(ex, status));
            }
        });
    }

}
