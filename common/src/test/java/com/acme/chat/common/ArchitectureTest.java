package com.acme.chat.common;

import org.junit.jupiter.api.Test;

import com.acme.chat.architecture.ChatArchitecture;
import com.acme.chat.common.error.ErrorCode;

/**
 * The wire contract's production classes checked against the project's architecture rules
 * ({@link ChatArchitecture}, docs/architecture.md "Architecture rules").
 */
class ArchitectureTest {

    @Test
    void usesOnlyTheJdkAndAnnotationApis() {
        ChatArchitecture.checkCommon(ErrorCode.class);
    }

}
