package com.acme.chat.kit.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.acme.chat.common.error.ErrorCode;

/**
 * The one exception handler of a servlet service: {@link ChatException}s carry their
 * code; Spring MVC's own exceptions (unreadable JSON, validation, unknown paths) get one
 * too; anything else is a logged {@code internal}. Controllers contain no try/catch.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ChatException.class)
    ResponseEntity<ProblemDetail> handleChat(ChatException ex) {
        return Problems.response(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        return Problems.unexpected(log, ex);
    }

    /** A body cut off by {@link RequestBodyLimit} is too large, not malformed. */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyLimit.TooLarge tooLarge = RequestBodyLimit.TooLarge.in(ex);
        if (tooLarge != null) {
            ProblemDetail problem = Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            return ResponseEntity.status(ErrorCode.PAYLOAD_TOO_LARGE.httpStatus()).body(problem);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            Problems.decorate(problem, ErrorCodes.forSpringException(ex, statusCode));
        }
        return response;
    }

}
