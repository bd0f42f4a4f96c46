package com.acme.chat.messaging;

import org.junit.jupiter.api.Test;

import com.acme.chat.architecture.ChatArchitecture;

/**
 * This service's production classes checked against the project's architecture rules
 * ({@link ChatArchitecture}, docs/architecture.md "Architecture rules").
 */
class ArchitectureTest {

    @Test
    void followsTheServiceRules() {
        ChatArchitecture.checkService(MessagingServiceApplication.class);
    }

}
