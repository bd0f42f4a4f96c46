package com.acme.chat.group;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.namespace.ChatNamespace;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class GroupServiceIT extends CassandraServiceContract {

    @Autowired
    ChatNamespace namespace;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka");
    }

    @Test
    void readinessFollowsKafka() {
        assertReadinessFollows("kafka", "kafka");
    }

    @Override
    protected String keyspace() {
        return "chat_group";
    }

    @Override
    protected List<String> tables() {
        return List.of("groups", "group_members", "user_groups");
    }

    @Test
    void declaresItsTopics() {
        assertThat(Schemas.topics()).contains(namespace.topic(Topics.GROUPS), namespace.topic(Topics.DELIVERIES));
    }

}
