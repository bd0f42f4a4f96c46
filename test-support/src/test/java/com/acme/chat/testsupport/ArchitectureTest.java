package com.acme.chat.testsupport;

import org.junit.jupiter.api.Test;

import com.acme.chat.architecture.ChatArchitecture;

/**
 * The test support's classes checked against the project's architecture rules
 * ({@link ChatArchitecture}, docs/architecture.md "Architecture rules").
 */
class ArchitectureTest {

    @Test
    void followsTheTestSupportRules() {
        ChatArchitecture.checkTestSupport(LocalServers.class);
    }

}
