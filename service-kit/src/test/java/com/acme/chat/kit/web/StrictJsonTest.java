package com.acme.chat.kit.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;

import com.acme.chat.common.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

class StrictJsonTest {

    private final JsonMapper json = StrictJson.strict(JsonMapper.builder().build());

    record Body(String text, long seq, boolean flag) {
    }

    @Test
    void readsAnOrdinaryBodyIncludingPairedSurrogates() {
        assertThat(json.readValue("{\"text\":\"hi \\ud83d\\ude00\",\"seq\":5,\"flag\":true}", Body.class))
            .isEqualTo(new Body("hi \ud83d\ude00", 5, true));
    }

    @Test
    void refusesDuplicateKeysWhileReading() {
        assertThatThrownBy(() -> json.readValue("{\"text\":\"a\",\"text\":\"b\",\"seq\":1,\"flag\":true}", Body.class))
            .isInstanceOf(StreamReadException.class);
        assertThatThrownBy(() -> json.readTree("{\"a\":1,\"a\":2}")).isInstanceOf(StreamReadException.class);
    }

    @Test
    void refusesCoercedScalars() {
        for (String body : new String[] { "{\"text\":\"a\",\"seq\":1.5,\"flag\":true}",
                "{\"text\":\"a\",\"seq\":\"5\",\"flag\":true}", "{\"text\":\"a\",\"seq\":1,\"flag\":\"true\"}",
                "{\"text\":5,\"seq\":1,\"flag\":true}", "{\"text\":\"a\",\"seq\":1,\"flag\":1}" }) {
            assertThatThrownBy(() -> json.readValue(body, Body.class)).as(body).isInstanceOf(DatabindException.class);
        }
    }

    @Test
    void refusesUnpairedSurrogatesWithoutEchoingTheValue() {
        assertThatThrownBy(() -> json.readValue("{\"text\":\"secret\\ud800\",\"seq\":1,\"flag\":true}", Body.class))
            .isInstanceOf(DatabindException.class)
            .message()
            .doesNotContain("secret");
        assertThatThrownBy(() -> json.readValue("{\"text\":\"\\udc00\",\"seq\":1,\"flag\":true}", Body.class))
            .isInstanceOf(DatabindException.class);
    }

    @Test
    void aBodyThatIsJsonButNotBindableIsValidationFailedNotMalformedJson() {
        Exception binding = catching("{\"text\":\"a\",\"seq\":\"5\",\"flag\":true}");
        Exception duplicate = catching("{\"text\":\"a\",\"text\":\"b\",\"seq\":1,\"flag\":true}");
        Exception wrongShape = catching("[1,2]");

        assertThat(ErrorCodes.forSpringException(unreadable(binding), HttpStatus.BAD_REQUEST))
            .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(ErrorCodes.forSpringException(unreadable(duplicate), HttpStatus.BAD_REQUEST))
            .isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(ErrorCodes.forSpringException(unreadable(wrongShape), HttpStatus.BAD_REQUEST))
            .isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    private Exception catching(String body) {
        try {
            json.readValue(body, Body.class);
        }
        catch (RuntimeException ex) {
            return ex;
        }
        throw new AssertionError("read " + body);
    }

    private static HttpMessageNotReadableException unreadable(Exception cause) {
        return new HttpMessageNotReadableException("unreadable", cause, mock(HttpInputMessage.class));
    }

}
