package com.acme.chat.wsmanager.downstream;

import org.jspecify.annotations.Nullable;

/**
 * A call to messaging or relay failed. Either the service answered with an error
 * ({@link Kind#PROBLEM}: its status, and the ProblemDetail's {@code code} and
 * {@code detail} when the body had them), or it could not be reached in time
 * ({@link Kind#UNAVAILABLE}: connection refused, timeout), or it answered 2xx with a body
 * we cannot read ({@link Kind#BAD_RESPONSE}).
 */
public final class DownstreamException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {

        PROBLEM, UNAVAILABLE, BAD_RESPONSE

    }

    private final Kind kind;

    private final String service;

    private final int status;

    private final @Nullable String code;

    private final @Nullable String detail;

    private final @Nullable Long retryAfterMs;

    private DownstreamException(Kind kind, String service, int status, @Nullable String code, @Nullable String detail,
            @Nullable Long retryAfterMs, @Nullable Throwable cause) {
        super(service + ": " + kind + (status > 0 ? " " + status : "") + (code != null ? " " + code : ""), cause);
        this.kind = kind;
        this.service = service;
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.retryAfterMs = retryAfterMs;
    }

    public static DownstreamException problem(String service, int status, @Nullable String code,
            @Nullable String detail) {
        return problem(service, status, code, detail, null);
    }

    /**
     * @param retryAfterMs the delay the service advised before a retry, or null
     */
    public static DownstreamException problem(String service, int status, @Nullable String code,
            @Nullable String detail, @Nullable Long retryAfterMs) {
        return new DownstreamException(Kind.PROBLEM, service, status, code, detail, retryAfterMs, null);
    }

    public static DownstreamException unavailable(String service, Throwable cause) {
        return new DownstreamException(Kind.UNAVAILABLE, service, 0, null, null, null, cause);
    }

    public static DownstreamException badResponse(String service, int status, Throwable cause) {
        return new DownstreamException(Kind.BAD_RESPONSE, service, status, null, null, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * @return {@code messaging} or {@code relay}
     */
    public String service() {
        return service;
    }

    /**
     * @return the HTTP status, or 0 when there was no response
     */
    public int status() {
        return status;
    }

    /**
     * @return the ProblemDetail's {@code code}, if the body had one
     */
    public @Nullable String code() {
        return code;
    }

    /**
     * @return the ProblemDetail's {@code detail}, if the body had one
     */
    public @Nullable String detail() {
        return detail;
    }

    /**
     * @return the delay the service advised before a retry ({@code retryAfterMs} of its
     * ProblemDetail), or null
     */
    public @Nullable Long retryAfterMs() {
        return retryAfterMs;
    }

}
