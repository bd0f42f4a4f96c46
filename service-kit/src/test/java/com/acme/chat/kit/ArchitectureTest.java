package com.acme.chat.kit;

import org.junit.jupiter.api.Test;

import com.acme.chat.architecture.ChatArchitecture;
import com.acme.chat.kit.web.Problems;

/**
 * The service kit's production classes checked against the project's architecture rules
 * ({@link ChatArchitecture}, docs/architecture.md "Architecture rules").
 */
class ArchitectureTest {

    @Test
    void followsTheServiceKitRules() {
        ChatArchitecture.checkServiceKit(Problems.class);
    }

}
