package com.acme.chat.relay;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;

@ChatIntegrationTest
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
        assertDeclaresTopics(Topics.NOTIFICATIONS);
    }

}
