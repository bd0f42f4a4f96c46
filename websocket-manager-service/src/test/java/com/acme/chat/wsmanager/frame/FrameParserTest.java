package com.acme.chat.wsmanager.frame;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.Ping;
import com.acme.chat.common.protocol.SendMessage;

import static org.assertj.core.api.Assertions.assertThat;

class FrameParserTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private static final Validator VALIDATOR = VALIDATION.getValidator();

    private final FrameParser parser = new FrameParser(JsonMapper.builder().build(), VALIDATOR);

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private ErrorFrame rejected(String text) {
        FrameParser.Parsed parsed = parser.parse(text);
        assertThat(parsed.frame()).as("frame of %s", text).isNull();
        assertThat(parsed.error()).isNotNull();
        return parsed.error();
    }

    @Test
    void readsAValidFrame() {
        FrameParser.Parsed parsed = parser
            .parse("{\"type\":\"send_message\",\"id\":\"f-1\",\"clientMsgId\":\"c-1\",\"to\":\"bob\",\"text\":\"hi\"}");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.frame()).isInstanceOf(SendMessage.class);
    }

    @Test
    void ignoresUnknownFields() {
        assertThat(parser.parse("{\"type\":\"ping\",\"id\":\"p\",\"future\":1}").frame()).isEqualTo(new Ping("p"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"ping\",\"id\":", "not json", "", "[1,2]", "\"ping\"" })
    void notJsonOrNotAnObjectIsMalformedJsonWithoutId(String text) {
        ErrorFrame error = rejected(text);

        assertThat(error.code()).isEqualTo("malformed_json");
        assertThat(error.id()).isNull();
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void wrongFieldTypeOfValidJsonIsValidationFailedAndKeepsTheId() {
        ErrorFrame error = rejected("{\"type\":\"ack_delivery\",\"id\":\"f-4\",\"conversationId\":\"d:a:b\","
                + "\"messageIds\":{\"not\":\"a list\"}}");

        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.id()).isEqualTo("f-4");
        assertThat(error.message()).contains("messageIds");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"mark_read\",\"id\":\"f-5\",\"conversationId\":\"d:a:b\"}",
            "{\"type\":\"mark_read\",\"id\":\"f-5\",\"conversationId\":\"d:a:b\",\"seq\":1.5}",
            "{\"type\":\"mark_read\",\"id\":\"f-5\",\"conversationId\":\"d:a:b\",\"seq\":\"5\"}",
            "{\"type\":\"mark_read\",\"id\":\"f-5\",\"conversationId\":\"d:a:b\",\"seq\":true}",
            "{\"type\":\"send_message\",\"id\":\"f-5\",\"clientMsgId\":\"c\",\"to\":\"bob\",\"text\":5}",
            "{\"type\":\"send_message\",\"id\":\"f-5\",\"clientMsgId\":\"c\",\"to\":\"bob\",\"text\":\"a\\ud800\"}",
            "{\"type\":\"send_message\",\"id\":\"f-5\",\"clientMsgId\":\"c\\udc00\",\"to\":\"bob\",\"text\":\"a\"}",
            "{\"type\":\"send_message\",\"id\":\"f-5\",\"clientMsgId\":\"c\",\"to\":\"bob\",\"text\":\" \\n \"}" })
    void missingMistypedCoercedOrIllFormedFieldsAreValidationFailed(String text) {
        ErrorFrame error = rejected(text);

        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.id()).isEqualTo("f-5");
    }

    @Test
    void duplicateKeysAreMalformedJson() {
        ErrorFrame error = rejected(
                "{\"type\":\"mark_read\",\"id\":\"f-6\",\"conversationId\":\"d:a:b\"," + "\"seq\":1,\"seq\":2}");

        assertThat(error.code()).isEqualTo("malformed_json");
        assertThat(error.id()).isNull();
    }

    @Test
    void anIdWithALoneSurrogateIsNotEchoed() {
        ErrorFrame error = rejected("{\"type\":\"ping\",\"id\":\"p\\ud800\"}");

        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.id()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"typing\",\"id\":\"t-1\"}",
            "{\"type\":\"typing\",\"id\":\"t-1\",\"conversationId\":\"not valid\",\"typing\":\"yes\"}",
            "{\"type\":\"subscribe_presence\",\"id\":\"t-1\",\"users\":42}" })
    void reservedTypesAreBadRequestWhateverTheirFields(String text) {
        ErrorFrame error = rejected(text);

        assertThat(error.code()).isEqualTo("bad_request");
        assertThat(error.id()).isEqualTo("t-1");
        assertThat(error.message()).isEqualTo(FrameParser.RESERVED_PRESENCE);
    }

    @Test
    void mediaReferencesAreMediaUnavailable() {
        ErrorFrame error = rejected("{\"type\":\"send_message\",\"id\":\"f-7\",\"clientMsgId\":\"c\",\"to\":\"bob\","
                + "\"text\":\"\",\"media\":[{\"assetHash\":\"" + "0".repeat(64)
                + "\",\"contentType\":\"image/png\",\"size\":9223372036854775807}]}");

        assertThat(error.code()).isEqualTo("media_unavailable");
        assertThat(error.id()).isEqualTo("f-7");
    }

    @Test
    void unknownTypeIsUnknownFrameTypeWithItsId() {
        ErrorFrame error = rejected("{\"type\":\"launch_rocket\",\"id\":\"f-9\"}");

        assertThat(error.code()).isEqualTo("unknown_frame_type");
        assertThat(error.id()).isEqualTo("f-9");
    }

    @Test
    void missingTypeOrServerFrameTypeIsUnknownFrameType() {
        assertThat(rejected("{\"id\":\"f-1\"}").code()).isEqualTo("unknown_frame_type");
        assertThat(rejected("{\"type\":\"ack\",\"id\":\"f-1\"}").code()).isEqualTo("unknown_frame_type");
    }

    @Test
    void missingRequiredFieldIsValidationFailedNamingTheField() {
        ErrorFrame error = rejected("{\"type\":\"send_message\",\"id\":\"f-2\",\"to\":\"bob\",\"text\":\"hi\"}");

        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.id()).isEqualTo("f-2");
        assertThat(error.message()).contains("clientMsgId");
    }

    @Test
    void invalidIdValueIsValidationFailedWithoutEchoingIt() {
        ErrorFrame error = rejected(
                "{\"type\":\"send_message\",\"id\":\"f-3\",\"clientMsgId\":\"c\",\"to\":\"secret value\",\"text\":\"hi\"}");

        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.id()).isEqualTo("f-3");
        assertThat(error.message()).doesNotContain("secret value");
    }

    @Test
    void constraintViolationsAreValidationFailed() {
        assertThat(rejected("{\"type\":\"mark_read\",\"id\":\"r\",\"conversationId\":\"d:a:b\",\"seq\":0}").code())
            .isEqualTo("validation_failed");
        assertThat(rejected("{\"type\":\"ack_delivery\",\"id\":\"a\",\"conversationId\":\"d:a:b\",\"messageIds\":[]}")
            .message()).contains("messageIds");
        assertThat(rejected("{\"type\":\"send_message\",\"id\":\"s\",\"clientMsgId\":\"c\",\"text\":\"hi\"}").message())
            .contains("exactly one of 'to' and 'group'");
        assertThat(rejected("{\"type\":\"ping\",\"id\":\"   \"}").id()).isNull();
    }

    @Test
    void overlongTextIsTextTooLong() {
        String text = "x".repeat(4097);
        ErrorFrame error = rejected(
                "{\"type\":\"send_message\",\"id\":\"s\",\"clientMsgId\":\"c\",\"to\":\"bob\",\"text\":\"" + text
                        + "\"}");

        assertThat(error.code()).isEqualTo("text_too_long");
        assertThat(error.id()).isEqualTo("s");
    }

    @Test
    void overlongIdIsNotEchoed() {
        String id = "i".repeat(65);

        ErrorFrame error = rejected("{\"type\":\"ping\",\"id\":\"" + id + "\"}");

        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.id()).isNull();
    }

}
