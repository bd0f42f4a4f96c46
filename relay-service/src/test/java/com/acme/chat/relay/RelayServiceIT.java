package com.acme.chat.relay;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

import com.acme.chat.common.event.Topics;
import com.acme.chat.relay.testsupport.RelayTopics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;

@ChatIntegrationTest
// The same context as every other relay integration test.
@Import(RelayTopics.class)
class RelayServiceIT extends CassandraServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka", "redis");
    }

    @Override
    protected String keyspace() {
        return "chat_relay";
    }

    @Override
    protected List<String> tables() {
        return List.of("unsent_messages", "user_devices");
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.MESSAGES, Topics.NOTIFICATIONS);
    }

    @Override
    protected List<String> documentedPaths() {
        return List.of("/api/v1/devices/{deviceId}/acks");
    }

    @Override
    protected Map<String, List<String>> documentedErrorCodes() {
        return Map.of("POST /api/v1/devices/{deviceId}/acks",
                List.of("validation_failed", "malformed_json", "service_unavailable"));
    }

}
