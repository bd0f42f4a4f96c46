package com.acme.chat.kit.cassandra;

import java.util.concurrent.CompletionException;

import com.datastax.oss.driver.api.core.DriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ApiExceptionHandler;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.kit.web.Problems;

/**
 * Cassandra failures that may pass answer {@code 503 service_unavailable} (retryable),
 * not {@code 500 internal}: {@link ApiExceptionHandler} knows nothing about the driver.
 * Also unwraps failures of async driver calls that were joined. Runs before
 * {@link ApiExceptionHandler}; everything else still goes there.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CassandraFailureAdvice {

    private static final Logger log = LoggerFactory.getLogger(CassandraFailureAdvice.class);

    @ExceptionHandler(DriverException.class)
    ResponseEntity<ProblemDetail> handleDriver(DriverException ex) {
        return problemFor(ex);
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<ProblemDetail> handleCompletion(CompletionException ex) {
        Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
        if (cause instanceof ChatException chat) {
            return Problems.response(chat);
        }
        return problemFor(cause);
    }

    private ResponseEntity<ProblemDetail> problemFor(Throwable ex) {
        if (CassandraFailures.transientCause(ex) != null) {
            log.warn("Cassandra unavailable: {}", ex.toString());
            return Problems.response(ErrorCode.SERVICE_UNAVAILABLE, "Storage is temporarily unavailable; retry later");
        }
        return Problems.unexpected(log, ex);
    }

}
