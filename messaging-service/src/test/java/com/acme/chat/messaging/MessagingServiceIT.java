package com.acme.chat.messaging;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;

@ChatIntegrationTest
class MessagingServiceIT extends CassandraServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka");
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
        assertDeclaresTopics(Topics.MESSAGES, Topics.DELIVERIES, Topics.RECEIPTS);
    }

}
