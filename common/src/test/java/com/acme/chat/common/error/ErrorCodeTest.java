package com.acme.chat.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    @Test
    void codesAreUnique() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();

        assertThat(codes).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void codeIsLowerSnakeCase(ErrorCode code) {
        assertThat(code.code()).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void hasAnErrorStatusAndTitle(ErrorCode code) {
        assertThat(code.httpStatus()).isBetween(400, 599);
        assertThat(code.title()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void isFoundByItsCode(ErrorCode code) {
        assertThat(ErrorCode.fromCode(code.code())).contains(code);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void isListedInTheProtocolsErrorTable(ErrorCode code) throws IOException {
        String protocol = Files.readString(Path.of("../docs/protocol.md"));
        String errors = protocol.substring(protocol.indexOf("## 6. Errors"), protocol.indexOf("## 7."));

        assertThat(errors).contains("| `" + code.code() + "` | " + code.httpStatus() + " |");
    }

    @Test
    void unknownCodeIsEmpty() {
        assertThat(ErrorCode.fromCode("no_such_code")).isEmpty();
        assertThat(ErrorCode.fromCode("MALFORMED_JSON")).isEmpty();
    }

    @Test
    void keepsTheAgreedWireCodesAndStatuses() {
        assertThat(ErrorCode.VALIDATION_FAILED.code()).isEqualTo("validation_failed");
        assertThat(ErrorCode.MALFORMED_JSON.code()).isEqualTo("malformed_json");
        assertThat(ErrorCode.UNAUTHENTICATED.httpStatus()).isEqualTo(401);
        assertThat(ErrorCode.TOKEN_EXPIRED.httpStatus()).isEqualTo(401);
        assertThat(ErrorCode.NOT_A_MEMBER.httpStatus()).isEqualTo(403);
        assertThat(ErrorCode.ASSET_NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(ErrorCode.DUPLICATE_MISMATCH.httpStatus()).isEqualTo(409);
        assertThat(ErrorCode.PAYLOAD_TOO_LARGE.httpStatus()).isEqualTo(413);
        assertThat(ErrorCode.RATE_LIMITED.httpStatus()).isEqualTo(429);
        assertThat(ErrorCode.INTERNAL.httpStatus()).isEqualTo(500);
        assertThat(ErrorCode.SERVICE_UNAVAILABLE.httpStatus()).isEqualTo(503);
    }

    @Test
    void onlyTransientFailuresAreRetryable() {
        assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::retryable))
            .containsExactlyInAnyOrder(ErrorCode.RATE_LIMITED, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.OVERLOADED);
    }

    @Test
    void problemTypeIsAUrnNamingTheCode() {
        assertThat(ErrorCode.NOT_A_MEMBER.problemType()).hasToString("urn:chat:problem:not_a_member");
    }

}
