package com.acme.chat.testsupport;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C trace context for tests: a caller's {@code traceparent} to send, and the trace id
 * read back from one the service wrote.
 */
public final class TestTraces {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    private TestTraces() {
    }

    /**
     * @return a fresh trace id, 32 lower-case hex digits
     */
    public static String newTraceId() {
        return hex(16);
    }

    /**
     * @return a fresh span id, 16 lower-case hex digits
     */
    public static String newSpanId() {
        return hex(8);
    }

    /**
     * @return the {@code traceparent} header of a caller's span
     */
    public static String traceparent(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /**
     * @return the trace id of a {@code traceparent} header
     * @throws AssertionError when it is not a valid W3C {@code traceparent}
     */
    public static String traceIdOf(String traceparent) {
        return parse(traceparent).group(1);
    }

    /**
     * @return the parent span id of a {@code traceparent} header
     * @throws AssertionError when it is not a valid W3C {@code traceparent}
     */
    public static String spanIdOf(String traceparent) {
        return parse(traceparent).group(2);
    }

    private static Matcher parse(String traceparent) {
        Matcher matcher = TRACEPARENT.matcher(String.valueOf(traceparent));
        if (!matcher.matches()) {
            throw new AssertionError("Not a W3C traceparent: " + traceparent);
        }
        return matcher;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }

}
