package com.acme.chat.messaging.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.acme.chat.common.protocol.MediaRef;

/**
 * What makes two sends "the same message" for idempotency: SHA-256 over the addressee,
 * the text and the media references (not the device, so a retry from another device of
 * the sender is still the same message). Lengths are written before free text so that no
 * two different messages share an encoding.
 */
final class BodyHash {

    private BodyHash() {
    }

    /**
     * @param addressee {@code u:<userId>} for a direct message, {@code g:<groupId>} for a
     * group message
     * @param text the text
     * @param media the attachments, in order
     * @return 64 lowercase hex digits
     */
    static String of(String addressee, String text, List<MediaRef> media) {
        StringBuilder canonical = new StringBuilder(addressee.length() + text.length() + 16 + media.size() * 96);
        canonical.append(addressee).append('\n').append(text.length()).append(':').append(text);
        for (MediaRef ref : media) {
            canonical.append('\n')
                .append(ref.assetHash())
                .append(' ')
                .append(ref.size())
                .append(' ')
                .append(ref.contentType().length())
                .append(':')
                .append(ref.contentType());
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
    }

}
