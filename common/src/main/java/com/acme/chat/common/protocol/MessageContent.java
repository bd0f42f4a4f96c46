package com.acme.chat.common.protocol;

import java.util.List;
import java.util.Optional;

import com.acme.chat.common.error.ErrorCode;

/**
 * The content rules of a message, one check for the {@code send_message} frame and the
 * REST Send-Message body alike, each broken rule with its error code: text longer than
 * the limit is {@code text_too_long}; text with an unpaired UTF-16 surrogate, more than
 * {@value ProtocolLimits#MAX_MEDIA_PER_MESSAGE} attachments, or neither non-blank text
 * nor media is {@code validation_failed}; any attachment is {@code media_unavailable}
 * until asset-service can vouch that a referenced asset exists and the sender may use it
 * (issue 12).
 */
public final class MessageContent {

    private MessageContent() {
    }

    /**
     * @param text the message text ({@code ""} when absent)
     * @param media the attachments (empty when absent)
     * @param maxTextChars the longest text accepted, in UTF-16 code units
     * @return the first broken rule, or empty when the content may be sent
     */
    public static Optional<Violation> check(String text, List<MediaRef> media, int maxTextChars) {
        if (text.length() > maxTextChars) {
            return Optional.of(new Violation(ErrorCode.TEXT_TOO_LONG,
                    "text has " + text.length() + " characters, at most " + maxTextChars + " are allowed"));
        }
        if (Utf16.hasLoneSurrogate(text)) {
            return Optional
                .of(new Violation(ErrorCode.VALIDATION_FAILED, "text: contains an unpaired UTF-16 surrogate"));
        }
        if (media.size() > ProtocolLimits.MAX_MEDIA_PER_MESSAGE) {
            return Optional.of(new Violation(ErrorCode.VALIDATION_FAILED,
                    "media: at most " + ProtocolLimits.MAX_MEDIA_PER_MESSAGE + " attachments are allowed"));
        }
        if (text.isBlank() && media.isEmpty()) {
            return Optional.of(new Violation(ErrorCode.VALIDATION_FAILED,
                    "text: must not be empty or only whitespace unless media is attached"));
        }
        if (!media.isEmpty()) {
            return Optional.of(new Violation(ErrorCode.MEDIA_UNAVAILABLE,
                    "media: attachments are not accepted until asset uploads are available"));
        }
        return Optional.empty();
    }

    /**
     * A broken content rule.
     *
     * @param code the error to answer with
     * @param detail which rule, naming the field but never echoing its value
     */
    public record Violation(ErrorCode code, String detail) {
    }

}
