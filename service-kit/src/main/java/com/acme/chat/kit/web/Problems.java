package com.acme.chat.kit.web;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.tracing.TraceIds;

/**
 * Builds the project's ProblemDetail shape: {@code type = urn:chat:problem:<code>},
 * {@code title}, {@code detail}, and the extra properties {@code code} and
 * {@code traceId} (the trace of the request, present whether or not it is sampled).
 * <p>
 * The trace is the one current on the calling thread, which is right for servlet
 * requests; WebFlux keeps none on the thread, so reactive callers pass the request's own
 * with {@link #withTraceId}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:chat:problem:";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()), detail);
        return decorate(problem, code);
    }

    /**
     * The ProblemDetail as a response with its status, for exception handlers of either
     * web stack.
     */
    public static ResponseEntity<ProblemDetail> response(ErrorCode code, String detail) {
        ProblemDetail problem = of(code, detail);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * The ProblemDetail of a {@link ChatException} as a response; an advised retry delay
     * becomes the {@code Retry-After} header (whole seconds, rounded up) and the
     * {@code retryAfterMs} property.
     */
    public static ResponseEntity<ProblemDetail> response(ChatException ex) {
        ProblemDetail problem = of(ex.code(), ex.getMessage());
        Duration retryAfter = ex.retryAfter();
        if (retryAfter == null) {
            return ResponseEntity.status(problem.getStatus()).body(problem);
        }
        return ResponseEntity.status(problem.getStatus())
            .header(HttpHeaders.RETRY_AFTER, withRetryAfter(problem, retryAfter))
            .body(problem);
    }

    /**
     * Puts an advised wait into a ProblemDetail ({@code retryAfterMs}), for any answer
     * that also carries it as a header.
     * @return the {@code Retry-After} header's value: whole seconds, rounded up, at least
     * 1
     */
    public static String withRetryAfter(ProblemDetail problem, Duration retryAfter) {
        problem.setProperty("retryAfterMs", retryAfter.toMillis());
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /**
     * The answer to a failure nobody handled: logged in full by the caller's logger, and
     * {@code 500 internal} without details for the client.
     */
    public static ResponseEntity<ProblemDetail> unexpected(Logger log, Throwable ex) {
        log.error("Unhandled exception", ex);
        return response(ErrorCode.INTERNAL, "Unexpected server error");
    }

    /** Adds type, title, code and traceId to a ProblemDetail that Spring built. */
    public static ProblemDetail decorate(ProblemDetail problem, ErrorCode code) {
        problem.setType(URI.create(TYPE_PREFIX + code.code()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        return withTraceId(problem, TraceIds.current());
    }

    /**
     * Names the request's trace, replacing what {@link #decorate} found on the thread.
     * @param problem the ProblemDetail
     * @param traceId the trace, or null to leave the problem as it is
     * @return the problem
     */
    public static ProblemDetail withTraceId(ProblemDetail problem, @Nullable String traceId) {
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

}
