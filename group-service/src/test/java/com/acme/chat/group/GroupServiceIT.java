package com.acme.chat.group;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;
import com.acme.chat.testsupport.ServiceContract;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class GroupServiceIT extends ServiceContract {

    @Autowired
    CqlSession session;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka");
    }

    @Test
    void readinessFollowsKafka() {
        assertReadinessFollows("kafka", "kafka");
    }

    @Test
    void createsItsTablesInItsOwnKeyspace() {
        assertThat(session.getKeyspace()).hasValueSatisfying(ks -> assertThat(ks.asInternal()).isEqualTo("chat_group"));
        assertThat(Schemas.tables(session)).contains("groups", "group_members", "user_groups");
    }

    @Test
    void declaresItsTopics() {
        assertThat(Schemas.topics()).contains(Topics.GROUPS, Topics.DELIVERIES);
    }
}
