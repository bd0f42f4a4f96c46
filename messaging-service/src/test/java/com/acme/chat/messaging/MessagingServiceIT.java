package com.acme.chat.messaging;

import java.util.List;
import java.util.Map;

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
        return List.of("users", "user_by_contact_hash", "conversations", "conversation_seq", "messages",
                "message_by_client_id", "user_timeline", "receipt_marks");
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.MESSAGES, Topics.DELIVERIES, Topics.RECEIPTS);
    }

    @Override
    protected List<String> documentedPaths() {
        return List.of("/api/v1/messages", "/api/v1/conversations/{conversationId}/messages",
                "/api/v1/conversations/{conversationId}/read", "/api/v1/conversations/{conversationId}/receipts",
                "/api/v1/users/me", "/api/v1/users/{userId}", "/api/v1/users/discover");
    }

    @Override
    protected Map<String, List<String>> documentedErrorCodes() {
        return Map.of("POST /api/v1/messages",
                List.of("validation_failed", "text_too_long", "malformed_json", "unknown_user", "duplicate_mismatch",
                        "service_unavailable"),
                "GET /api/v1/conversations/{conversationId}/messages",
                List.of("validation_failed", "not_a_member", "unknown_conversation", "service_unavailable"),
                "POST /api/v1/conversations/{conversationId}/read", List.of("not_a_member", "malformed_json"),
                "GET /api/v1/users/{userId}", List.of("unknown_user"), "POST /api/v1/users/discover",
                List.of("validation_failed", "rate_limited"));
    }

}
