package com.acme.chat.messaging;

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
class MessagingServiceIT extends CassandraServiceContract {

    @Autowired
    ChatNamespace namespace;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka");
    }

    @Test
    void readinessFollowsCassandra() {
        assertReadinessFollows("cassandra", "cassandra");
    }

    @Override
    protected String keyspace() {
        return "chat_messaging";
    }

    @Override
    protected List<String> tables() {
        return List.of("users", "conversations", "conversation_seq", "messages", "message_by_client_id",
                "user_timeline", "receipt_marks");
    }

    @Test
    void declaresItsTopics() {
        assertThat(Schemas.topics()).contains(namespace.topic(Topics.MESSAGES), namespace.topic(Topics.DELIVERIES),
                namespace.topic(Topics.RECEIPTS));
    }

}
