package com.acme.chat.messaging.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The discovery key of a contact (docs/protocol.md, "Contact discovery"): SHA-256 of the
 * UTF-8 bytes of the normalised contact, as 64 lowercase hex digits. A phone number is
 * normalised to E.164 ({@code +} and 8 to 15 digits, after dropping spaces, dots, hyphens
 * and parentheses); an e-mail address is trimmed and lowercased. Anything else has no key
 * and cannot be discovered. Clients compute the same hashes from their address books, so
 * a change here is a protocol change.
 */
final class ContactHash {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s.()\\-]");

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private ContactHash() {
    }

    /**
     * @param contact a phone number or e-mail address, as the token claimed it
     * @return its discovery key, or empty if it is neither an E.164 number nor an e-mail
     * address
     */
    static Optional<String> of(String contact) {
        return normalise(contact).map(ContactHash::sha256Hex);
    }

    /**
     * @return the normalised form that is hashed, or empty if the contact cannot be
     * discovered
     */
    static Optional<String> normalise(String contact) {
        String trimmed = contact.strip();
        if (trimmed.indexOf('@') > 0 && trimmed.indexOf('@') < trimmed.length() - 1) {
            return Optional.of(trimmed.toLowerCase(Locale.ROOT));
        }
        String phone = PHONE_SEPARATORS.matcher(trimmed).replaceAll("");
        return E164.matcher(phone).matches() ? Optional.of(phone) : Optional.empty();
    }

    /**
     * @return whether {@code value} has the form of a discovery key
     */
    static boolean isHash(String value) {
        return HASH.matcher(value).matches();
    }

    private static String sha256Hex(String normalised) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
        }
    }

}
