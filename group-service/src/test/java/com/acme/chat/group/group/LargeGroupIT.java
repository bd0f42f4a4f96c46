package com.acme.chat.group.group;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group at the default member limit (1,024) on the real Cassandra: its creation writes
 * 2,049 projection rows, more than the driver lets wait on one connection at once, so
 * they must go in waves (the first group benchmark's creation of a 1,024-member group
 * failed with 503 before that).
 */
@ChatIntegrationTest
class LargeGroupIT {

    @LocalServerPort
    int port;

    @Test
    void aGroupOfTheMaximumSizeIsCreatedAndReadWhole() {
        String creator = "big-" + UUID.randomUUID();
        List<String> members = new ArrayList<>();
        for (int i = 1; i < 1024; i++) {
            members.add("m" + i + "-" + UUID.randomUUID());
        }
        HttpResponse<String> created = Http.request(Http.local(port, "/api/v1/groups"))
            .bearer(TestTokens.forUser(creator))
            .post(Json.object("name", "Everyone", "members", members));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String group = Http.json(created).path("groupId").asString();

        HttpResponse<String> read = Http.request(Http.local(port, "/api/v1/groups/" + group))
            .bearer(TestTokens.forUser(members.get(1022)))
            .get();
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(Http.json(read).path("members")).hasSize(1024);
    }

}
