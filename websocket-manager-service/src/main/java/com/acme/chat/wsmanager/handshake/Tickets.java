package com.acme.chat.wsmanager.handshake;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ticket values: 32 random bytes, base64url without padding (43 characters), so they are
 * unguessable and safe in a URL query without escaping.
 */
final class Tickets {

    static final int RANDOM_BYTES = 32;

    static final int LENGTH = 43;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Tickets() {
    }

    static String newTicket(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Cheap shape check before asking Redis, so junk never becomes a Redis key. */
    static boolean isWellFormed(String ticket) {
        if (ticket.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < ticket.length(); i++) {
            char c = ticket.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

}
