package com.acme.chat.group;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;

@ChatIntegrationTest
class GroupServiceIT extends CassandraServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka");
    }

    @Override
    protected String keyspace() {
        return "chat_group";
    }

    @Override
    protected List<String> tables() {
        return List.of("group_log", "group_outbox", "group_members", "user_groups");
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.GROUPS, Topics.DELIVERIES);
    }

}
