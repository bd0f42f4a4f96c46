package com.acme.chat.group;

import java.util.List;
import java.util.Map;

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

    @Override
    protected List<String> documentedPaths() {
        return List.of("/api/v1/groups", "/api/v1/groups/{groupId}", "/api/v1/groups/{groupId}/members",
                "/api/v1/groups/{groupId}/members/{userId}", "/api/v1/groups/{groupId}/leave",
                "/api/v1/groups/{groupId}/admins/{userId}");
    }

    @Override
    protected Map<String, List<String>> documentedErrorCodes() {
        return Map.of("POST /api/v1/groups", List.of("validation_failed", "group_full", "malformed_json"),
                "GET /api/v1/groups/{groupId}", List.of("unknown_group"), "PATCH /api/v1/groups/{groupId}",
                List.of("unknown_group", "not_an_admin"), "POST /api/v1/groups/{groupId}/members",
                List.of("unknown_group", "not_an_admin", "group_full"), "POST /api/v1/groups/{groupId}/leave",
                List.of("unknown_group"), "PUT /api/v1/groups/{groupId}/admins/{userId}",
                List.of("not_an_admin", "unknown_user"), "DELETE /api/v1/groups/{groupId}/admins/{userId}",
                List.of("not_an_admin", "bad_request"));
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.GROUPS, Topics.DELIVERIES);
    }

}
