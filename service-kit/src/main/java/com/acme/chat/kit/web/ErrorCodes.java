package com.acme.chat.kit.web;

import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.server.ServerWebInputException;

import com.acme.chat.common.error.ErrorCode;

/**
 * Maps the exceptions Spring MVC and WebFlux raise themselves (unreadable bodies, unknown
 * paths, wrong methods) to the project's stable codes. Shared by both stacks, so it must
 * not touch servlet- or reactive-only types beyond those in spring-web.
 */
final class ErrorCodes {

    private ErrorCodes() {
    }

    static ErrorCode forSpringException(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMessageNotReadableException || (ex instanceof ServerWebInputException
                && ex.getCause() != null && ex.getCause().getClass().getSimpleName().contains("Decoding"))) {
            // Jackson read the JSON but could not bind a field (missing, wrong type, a
            // refused coercion or surrogate): the frame parser's validation_failed.
            return causedByBinding(ex) ? ErrorCode.VALIDATION_FAILED : ErrorCode.MALFORMED_JSON;
        }
        return switch (status.value()) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
        };
    }

    private static boolean causedByBinding(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException binding) {
                // An empty path means the body as a whole is not the expected object.
                return !binding.getPath().isEmpty();
            }
        }
        return false;
    }

}
