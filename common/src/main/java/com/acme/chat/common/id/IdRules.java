package com.acme.chat.common.id;

import org.jspecify.annotations.Nullable;

/**
 * Shared checks for id values. Ids end up in Kafka keys, Redis keys, Cassandra partition
 * keys and log lines, so whitespace and control characters are rejected everywhere rather
 * than escaped in each of those places.
 */
final class IdRules {

    /** Default length limit; generous for UUIDs, ULIDs and JWT subjects. */
    static final int MAX_LENGTH = 128;

    private IdRules() {
    }

    static final String URL_RESERVED = "/\\?#%";

    static String check(@Nullable String value, String type, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(type + " must not be null");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(type + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(type + " must be at most " + maxLength + " characters");
        }
        if (".".equals(value) || "..".equals(value)) {
            // Path segments with a meaning of their own: /devices/../acks is another URL.
            throw new IllegalArgumentException(type + " must not be '.' or '..'");
        }
        // String.codePoints() yields a lone surrogate as itself and a pair as one code
        // point above U+FFFF.
        if (value.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw new IllegalArgumentException(type + " must not contain an unpaired UTF-16 surrogate");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException(type + " must not contain whitespace or control characters");
            }
            // Ids travel in URL paths (/users/{id}, /conversations/{id}/...): characters
            // that end or escape a path
            // segment would make them unaddressable (Spring's firewall rejects an encoded
            // '/').
            if (URL_RESERVED.indexOf(c) >= 0) {
                throw new IllegalArgumentException(type + " must not contain any of " + URL_RESERVED);
            }
        }
        return value;
    }

}
