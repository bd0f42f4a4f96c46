package com.acme.chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.testsupport.Frames;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    private static Optional<ErrorCode> code(String text, List<MediaRef> media) {
        return MessageContent.check(text, media, ProtocolLimits.MAX_TEXT_CHARS).map(MessageContent.Violation::code);
    }

    @Test
    void acceptsOrdinaryTextIncludingPairedSurrogates() {
        assertThat(code("hi \ud83d\ude00", List.of())).isEmpty();
    }

    @Test
    void refusesEmptyAndWhitespaceOnlyText() {
        assertThat(code("", List.of())).contains(ErrorCode.VALIDATION_FAILED);
        assertThat(code(" \t\n", List.of())).contains(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void refusesLoneSurrogatesInText() {
        assertThat(code("a\ud800", List.of())).contains(ErrorCode.VALIDATION_FAILED);
        assertThat(code("\udfffb", List.of())).contains(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void refusesTextOverTheLimitAsTextTooLong() {
        assertThat(code("x".repeat(ProtocolLimits.MAX_TEXT_CHARS + 1), List.of())).contains(ErrorCode.TEXT_TOO_LONG);
    }

    @Test
    void refusesAnyMediaReferenceAsMediaUnavailable() {
        assertThat(code("", List.of(Frames.PHOTO))).contains(ErrorCode.MEDIA_UNAVAILABLE);
        assertThat(code("caption", List.of(new MediaRef("0".repeat(64), "image/png", Long.MAX_VALUE))))
            .contains(ErrorCode.MEDIA_UNAVAILABLE);
        assertThat(code("x", Collections.nCopies(ProtocolLimits.MAX_MEDIA_PER_MESSAGE + 1, Frames.PHOTO)))
            .contains(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void mediaUnavailableIsAClientErrorThatIsNotRetried() {
        assertThat(ErrorCode.MEDIA_UNAVAILABLE.httpStatus()).isEqualTo(422);
        assertThat(ErrorCode.MEDIA_UNAVAILABLE.retryable()).isFalse();
    }

}
