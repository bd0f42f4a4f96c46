package com.acme.chat.relay;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class RelayServiceIT extends CassandraServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka", "redis");
    }

    @Test
    void readinessFollowsKafka() {
        assertReadinessFollows("kafka", "kafka");
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
        assertThat(Schemas.topics()).contains(Topics.NOTIFICATIONS);
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
