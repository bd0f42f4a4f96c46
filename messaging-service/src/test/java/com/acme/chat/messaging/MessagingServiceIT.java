package com.acme.chat.messaging;

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
class MessagingServiceIT extends ServiceContract {

    @Autowired
    CqlSession session;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka");
    }

    @Test
    void readinessFollowsCassandra() {
        assertReadinessFollows("cassandra", "cassandra");
    }

    @Test
    void createsItsTablesInItsOwnKeyspace() {
        assertThat(session.getKeyspace()).hasValueSatisfying(ks -> assertThat(ks.asInternal()).isEqualTo("chat_messaging"));
        assertThat(Schemas.tables(session)).contains("users", "conversations", "conversation_seq", "messages", "message_by_client_id", "user_timeline", "receipt_marks");
    }

    @Test
    void declaresItsTopics() {
        assertThat(Schemas.topics()).contains(Topics.MESSAGES, Topics.DELIVERIES, Topics.RECEIPTS);
    }
}
