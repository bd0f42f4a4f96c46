package com.acme.chat.wsmanager;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.ServiceContract;

@ChatIntegrationTest
class WebSocketManagerServiceIT extends ServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("redis", "kafka");
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.PRESENCE, Topics.ACKS);
    }

    @Override
    protected List<String> documentedPaths() {
        return List.of("/ws", "/api/v1/ws-tickets", "/api/v1/routes/{userId}");
    }

    @Override
    protected Map<String, List<String>> documentedErrorCodes() {
        return Map.of("GET /ws",
                List.of("validation_failed", "unauthenticated", "token_expired", "forbidden", "service_unavailable"),
                "POST /api/v1/ws-tickets", List.of("validation_failed", "malformed_json"),
                "GET /api/v1/routes/{userId}", List.of("forbidden"));
    }

}
