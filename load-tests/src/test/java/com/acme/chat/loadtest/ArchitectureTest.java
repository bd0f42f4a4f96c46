package com.acme.chat.loadtest;

import org.junit.jupiter.api.Test;

import com.acme.chat.architecture.ChatArchitecture;

/**
 * The load generator's classes checked against the project's architecture rules
 * ({@link ChatArchitecture}, docs/architecture.md "Architecture rules").
 */
class ArchitectureTest {

    @Test
    void followsTheLoadTestRules() {
        ChatArchitecture.checkLoadTests(LoadGenerator.class);
    }

}
