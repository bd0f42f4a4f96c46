package com.acme.chat.wsmanager;

import org.junit.jupiter.api.Test;

import com.acme.chat.architecture.ChatArchitecture;

/**
 * This service's production classes checked against the project's architecture rules
 * ({@link ChatArchitecture}, docs/architecture.md "Architecture rules").
 */
class ArchitectureTest {

    @Test
    void followsTheServiceRules() {
        ChatArchitecture.checkService(WebSocketManagerServiceApplication.class);
    }

}
