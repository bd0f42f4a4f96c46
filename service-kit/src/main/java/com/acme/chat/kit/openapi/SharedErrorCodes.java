package com.acme.chat.kit.openapi;

import java.util.EnumSet;
import java.util.Set;

import com.acme.chat.common.error.ErrorCode;

/**
 * Error codes that something outside the controllers (an exception advice, an
 * interceptor) adds to every protected REST operation of a service, declared as a bean
 * next to what causes them, so the OpenAPI document follows the behaviour: e.g. the
 * Cassandra advice's {@code service_unavailable}.
 *
 * @param codes the codes
 */
public record SharedErrorCodes(Set<ErrorCode> codes) {

    public SharedErrorCodes {
        codes = Set.copyOf(codes);
    }

    /**
     * @param first a code
     * @param more further codes
     * @return the declaration
     */
    public static SharedErrorCodes of(ErrorCode first, ErrorCode... more) {
        return new SharedErrorCodes(EnumSet.of(first, more));
    }

}
