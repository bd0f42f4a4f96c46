package com.acme.chat.wsmanager.handshake;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Which browser origins may open a WebSocket. Browsers always send {@code Origin} on a
 * WebSocket handshake and cannot forge it, so checking it stops other sites from riding a
 * user's ticket; native clients send none and are not checked. Comparison ignores case
 * and a trailing slash; {@code *} allows every origin.
 */
final class OriginPolicy {

    private final Set<String> allowed;

    private final boolean any;

    OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.any = allowed.contains("*");
    }

    /**
     * @param origin the request's {@code Origin} header, or null when absent
     * @return whether the handshake may proceed
     */
    boolean allows(@Nullable String origin) {
        return origin == null || any || allowed.contains(normalize(origin));
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

}
