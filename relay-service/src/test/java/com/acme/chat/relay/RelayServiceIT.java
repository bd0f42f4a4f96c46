package com.acme.chat.relay;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.namespace.ChatNamespace;
import com.acme.chat.relay.testsupport.RelayTopics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
// The same context as every other relay integration test.
@Import(RelayTopics.class)
class RelayServiceIT extends CassandraServiceContract {

    @Autowired
    ChatNamespace namespace;

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
        assertThat(Schemas.topics()).contains(namespace.topic(Topics.NOTIFICATIONS));
    }

}
