package com.acme.chat.messaging.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.messaging.testsupport.Api.conversationPath;
import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static com.acme.chat.testsupport.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class ConversationMessagesIT {

    @LocalServerPort
    int port;

    @Autowired
    CqlSession session;

    Api api;

    String alice;

    String bob;

    String conversation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        alice = api.newUser("alice");
        bob = api.newUser("bob");
        conversation = ConversationId.direct(UserId.of(alice), UserId.of(bob)).value();
    }

    @Test
    void conversationPagingAfterSeqForGapRepair() {
        for (int i = 1; i <= 5; i++) {
            api.sent((i % 2 == 0) ? bob : alice, (i % 2 == 0) ? alice : bob, "message " + i);
        }

        assertThat(seqs("/messages?afterSeq=2")).containsExactly(3L, 4L, 5L);
        assertThat(seqs("/messages?afterSeq=2&limit=2")).containsExactly(3L, 4L);
        assertThat(seqs("/messages?afterSeq=1&beforeSeq=4")).containsExactly(2L, 3L);
        assertThat(seqs("/messages?afterSeq=5")).isEmpty();
        JsonNode third = json(api.get(conversationPath(conversation, "/messages?afterSeq=2&limit=1"), bob))
            .path("messages")
            .get(0);
        assertThat(third.path("text").asString()).isEqualTo("message 3");
        assertThat(third.path("sender").asString()).isEqualTo(alice);
    }

    @Test
    void pagesNewestFirstWithoutParametersAndBelowBeforeSeq() {
        for (int i = 1; i <= 5; i++) {
            api.sent(alice, bob, "message " + i);
        }

        assertThat(seqs("/messages")).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(seqs("/messages?limit=2")).containsExactly(5L, 4L);
        assertThat(seqs("/messages?beforeSeq=4")).containsExactly(3L, 2L, 1L);
        assertThat(seqs("/messages?beforeSeq=4&limit=1")).containsExactly(3L);
        assertThat(seqs("/messages?beforeSeq=1000000000")).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void pagesAcrossSeqBuckets() {
        for (long seq = 9_998; seq <= 10_001; seq++) {
            session
                .execute(SimpleStatement.newInstance("INSERT INTO messages (conversation_id, bucket, seq, message_id, "
                        + "sender_id, sender_device, client_msg_id, body, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        conversation, seq / 10_000, seq, "m-" + seq + "-" + alice, alice, "rest", "c-" + seq, "seeded",
                        Instant.now()));
        }

        assertThat(seqs("/messages?afterSeq=9997")).containsExactly(9_998L, 9_999L, 10_000L, 10_001L);
        assertThat(seqs("/messages?afterSeq=9998&limit=2")).containsExactly(9_999L, 10_000L);
        assertThat(seqs("/messages?limit=4")).containsExactly(10_001L, 10_000L, 9_999L, 9_998L);
        assertThat(seqs("/messages?beforeSeq=10001&limit=2")).containsExactly(10_000L, 9_999L);
    }

    @Test
    void outsiderCannotReadConversationOrReceipts() {
        api.sent(alice, bob, "private");
        String carol = api.newUser("carol");

        assertProblem(api.get(conversationPath(conversation, "/messages"), carol), 403, "not_a_member");
        assertProblem(api.get(conversationPath(conversation, "/receipts"), carol), 403, "not_a_member");
        assertProblem(api.post(conversationPath(conversation, "/read"), carol, object("seq", 1)), 403, "not_a_member");
    }

    @Test
    void malformedConversationIdIsValidationFailed() {
        assertProblem(api.get(conversationPath("x:" + alice, "/messages"), alice), 400, "validation_failed");
        assertProblem(api.get(conversationPath("d:" + bob + ":" + alice, "/messages"), alice), 400,
                "validation_failed");
    }

    @Test
    void aGroupNobodyMadeIsNotAMember() {
        assertProblem(api.get(conversationPath("g:team-" + UUID.randomUUID(), "/messages"), alice), 403,
                "not_a_member");
    }

    @Test
    void outOfRangeParametersAreValidationFailed() {
        assertProblem(api.get(conversationPath(conversation, "/messages?limit=0"), alice), 400, "validation_failed");
        assertProblem(api.get(conversationPath(conversation, "/messages?limit=201"), alice), 400, "validation_failed");
        assertProblem(api.get(conversationPath(conversation, "/messages?afterSeq=-1"), alice), 400,
                "validation_failed");
        assertProblem(api.get(conversationPath(conversation, "/messages?beforeSeq=0"), alice), 400,
                "validation_failed");
        assertProblem(api.get(conversationPath(conversation, "/messages?afterSeq=abc"), alice), 400,
                "validation_failed");
    }

    private List<Long> seqs(String suffix) {
        var response = api.get(conversationPath(conversation, suffix), alice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Long> seqs = new ArrayList<>();
        json(response).path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }

}
