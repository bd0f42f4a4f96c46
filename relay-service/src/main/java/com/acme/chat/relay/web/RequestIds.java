package com.acme.chat.relay.web;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;

/**
 * Turns the raw ids of a request into typed ids, failing with a stable error code instead
 * of a 500.
 */
public final class RequestIds {

    private RequestIds() {
    }

    /**
     * @param value the raw value
     * @param parser the typed id's factory, which throws {@link IllegalArgumentException}
     * for an invalid value
     * @param code the error code for a missing or invalid value
     * @param field the field name for the error detail
     * @return the typed id
     * @throws ChatException with {@code code} when the value is missing or invalid
     */
    public static <T> T parse(@Nullable String value, Function<String, T> parser, ErrorCode code, String field) {
        if (value == null) {
            throw new ChatException(code, field + ": must not be null");
        }
        try {
            return parser.apply(value);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(code, field + ": " + ex.getMessage());
        }
    }

    /**
     * @return the calling user: the token's subject
     * @throws ChatException {@code unauthenticated} when the subject is not a user id
     */
    public static UserId caller(Jwt jwt) {
        return parse(jwt.getSubject(), UserId::of, ErrorCode.UNAUTHENTICATED, "token subject");
    }

    /**
     * @return the device named in the path
     * @throws ChatException {@code validation_failed} when it is not a device id
     */
    public static DeviceId device(String deviceId) {
        return parse(deviceId, DeviceId::of, ErrorCode.VALIDATION_FAILED, "deviceId");
    }

}
