package com.acme.chat.common.protocol;

/**
 * Checks for text that has no UTF-8 form. JSON's {@code \uD800} escape can put a lone
 * surrogate into a Java string; it cannot be stored or sent on as UTF-8 (Cassandra, Kafka
 * and the WebSocket would each replace or refuse it), so every field is refused with it
 * at the edge instead.
 */
public final class Utf16 {

    private Utf16() {
    }

    /**
     * @param value any string
     * @return whether it contains a high surrogate not followed by a low one, or a low
     * surrogate not preceded by a high one
     */
    public static boolean hasLoneSurrogate(String value) {
        // codePoints() yields a lone surrogate as itself and a pair as one code point
        // above U+FFFF.
        return value.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

}
