package com.acme.chat.messaging.message;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.ProtocolLimits;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendMessageValidatorTest {

    private static final MediaRef PHOTO = new MediaRef("b".repeat(64), "image/jpeg", 10);

    private final SendMessageValidator validator = new SendMessageValidator(ProtocolLimits.MAX_TEXT_CHARS);

    @Test
    void acceptsADirectMessageAndDefaultsTheDevice() {
        SendCommand command = validator.validate(new SendMessageRequest("c-1", "bob", null, "hi", null), null);
        assertThat(command.to()).hasToString("bob");
        assertThat(command.group()).isNull();
        assertThat(command.device()).hasToString("rest");
        assertThat(command.media()).isEmpty();
        assertThat(command.addressee()).isEqualTo("u:bob");
    }

    @Test
    void takesTheDeviceFromTheHeader() {
        assertThat(validator.validate(new SendMessageRequest("c-1", "bob", null, "hi", null), "web-1").device())
            .hasToString("web-1");
    }

    @Test
    void acceptsTextOfExactlyTheLimit() {
        String text = "x".repeat(ProtocolLimits.MAX_TEXT_CHARS);
        assertThat(validator.validate(new SendMessageRequest("c-1", "bob", null, text, null), null).text())
            .isEqualTo(text);
    }

    @Test
    void rejectsLongerTextAsTextTooLong() {
        String text = "x".repeat(ProtocolLimits.MAX_TEXT_CHARS + 1);
        assertCode(new SendMessageRequest("c-1", "bob", null, text, null), null, ErrorCode.TEXT_TOO_LONG);
    }

    @Test
    void refusesEmptyOrWhitespaceOnlyTextAsTheFrameDoes() {
        assertCode(new SendMessageRequest("c-1", "bob", null, "", null), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("c-1", "bob", null, null, List.of()), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("c-1", "bob", null, " \t ", null), null, ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void refusesTextWithALoneSurrogate() {
        assertCode(new SendMessageRequest("c-1", "bob", null, "hi\ud800", null), null, ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void refusesEveryMediaReferenceUntilAssetsCanBeChecked() {
        assertCode(new SendMessageRequest("c-1", "bob", null, null, List.of(PHOTO)), null, ErrorCode.MEDIA_UNAVAILABLE);
        assertCode(
                new SendMessageRequest("c-1", "bob", null, "look",
                        List.of(new MediaRef("0".repeat(64), "image/png", Long.MAX_VALUE))),
                null, ErrorCode.MEDIA_UNAVAILABLE);
    }

    @Test
    void refusesTheReservedAndDotSegmentDevicesAsTheHandshakeDoes() {
        for (String device : new String[] { "*", ".", ".." }) {
            assertCode(new SendMessageRequest("c-1", "bob", null, "hi", null), device, ErrorCode.VALIDATION_FAILED);
        }
    }

    @Test
    void rejectsTooManyAttachments() {
        List<MediaRef> media = Collections.nCopies(ProtocolLimits.MAX_MEDIA_PER_MESSAGE + 1, PHOTO);
        assertCode(new SendMessageRequest("c-1", "bob", null, "hi", media), null, ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void requiresExactlyOneOfToAndGroup() {
        assertCode(new SendMessageRequest("c-1", null, null, "hi", null), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("c-1", "bob", "team", "hi", null), null, ErrorCode.VALIDATION_FAILED);
        assertThat(validator.validate(new SendMessageRequest("c-1", null, "team", "hi", null), null).addressee())
            .isEqualTo("g:team");
    }

    @Test
    void rejectsMissingOrMalformedIds() {
        assertCode(new SendMessageRequest(null, "bob", null, "hi", null), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("has space", "bob", null, "hi", null), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("x".repeat(129), "bob", null, "hi", null), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("c-1", "bo:b", null, "hi", null), null, ErrorCode.VALIDATION_FAILED);
        assertCode(new SendMessageRequest("c-1", "bob", null, "hi", null), "bad device", ErrorCode.VALIDATION_FAILED);
    }

    private void assertCode(SendMessageRequest request, String device, ErrorCode code) {
        assertThatThrownBy(() -> validator.validate(request, device)).isInstanceOfSatisfying(ChatException.class,
                ex -> assertThat(ex.code()).isEqualTo(code));
    }

}
