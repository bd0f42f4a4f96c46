package com.acme.chat.kit.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.acme.chat.common.error.ErrorCode;

/**
 * The error codes a REST operation can answer with, beyond those every operation shares
 * (documented by service-kit: {@code unauthenticated} and {@code token_expired} on
 * protected paths, {@code malformed_json} and {@code unsupported_media_type} for a
 * request body, {@code internal}, and what a {@link SharedErrorCodes} bean adds). The
 * OpenAPI document lists them as {@code application/problem+json} responses grouped by
 * {@link ErrorCode#httpStatus()}, one example per code.
 * <p>
 * List what the handler, its validators and the services it calls really throw; a code
 * listed here that the operation cannot return misleads every client generated from the
 * document. On a controller class it applies to each of its operations.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ErrorResponses {

    /**
     * @return the codes, in any order
     */
    ErrorCode[] value();

}
