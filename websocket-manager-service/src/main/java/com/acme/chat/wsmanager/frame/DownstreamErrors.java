package com.acme.chat.wsmanager.frame;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.wsmanager.downstream.DownstreamException;

/**
 * Turns a failed downstream call into the {@code error} frame for the client frame that
 * caused it. A ProblemDetail keeps its {@code code} and {@code detail} (clients handle
 * one vocabulary over REST and the socket); a code this version does not know becomes
 * {@code internal}. An unreachable or slow service is {@code service_unavailable}, which
 * is retryable: the client resends the same frame (same {@code clientMsgId}) after a
 * back-off. A {@link ChatException} (a publication to Kafka that the broker did not
 * acknowledge in time is one) keeps its code, detail and advised delay.
 */
final class DownstreamErrors {

    private static final Logger log = LoggerFactory.getLogger(DownstreamErrors.class);

    private DownstreamErrors() {
    }

    static ErrorFrame toErrorFrame(@Nullable String id, Throwable failure) {
        if (failure instanceof DownstreamException downstream) {
            return fromDownstream(id, downstream);
        }
        if (failure instanceof ChatException chat) {
            log.debug("Frame {} failed: {} {}", id, chat.code().code(), chat.getMessage());
            Duration retryAfter = chat.retryAfter();
            return ErrorFrame.of(id, chat.code(), String.valueOf(chat.getMessage()))
                .withRetryAfterMs((retryAfter != null) ? retryAfter.toMillis() : null);
        }
        log.error("Unexpected failure handling frame {}", id, failure);
        return ErrorFrame.of(id, ErrorCode.INTERNAL, "Unexpected server error");
    }

    private static ErrorFrame fromDownstream(@Nullable String id, DownstreamException ex) {
        switch (ex.kind()) {
            case UNAVAILABLE:
                log.debug("{} unavailable: {}", ex.service(), ex.getCause() == null ? "" : ex.getCause().toString());
                return ErrorFrame.of(id, ErrorCode.SERVICE_UNAVAILABLE,
                        "The " + ex.service() + " service is unavailable; retry later");
            case BAD_RESPONSE:
                log.warn("Unreadable answer from {} (status {})", ex.service(), ex.status());
                return ErrorFrame.of(id, ErrorCode.INTERNAL, "Unexpected answer from the " + ex.service() + " service");
            case PROBLEM:
            default:
                ErrorCode code = codeOf(ex);
                if (code == ErrorCode.INTERNAL) {
                    log.warn("{} answered {} with code {}", ex.service(), ex.status(), ex.code());
                }
                String detail = ex.detail();
                return ErrorFrame.of(id, code, (detail == null || detail.isBlank()) ? code.title() : detail)
                    .withRetryAfterMs(ex.retryAfterMs());
        }
    }

    private static ErrorCode codeOf(DownstreamException ex) {
        String code = ex.code();
        if (code != null) {
            return ErrorCode.fromCode(code).orElse(ErrorCode.INTERNAL);
        }
        // No ProblemDetail (e.g. a proxy's error page): judge by the status alone.
        int status = ex.status();
        if (status == 502 || status == 503 || status == 504) {
            return ErrorCode.SERVICE_UNAVAILABLE;
        }
        if (status == 429) {
            return ErrorCode.RATE_LIMITED;
        }
        return ErrorCode.INTERNAL;
    }

}
