package com.acme.chat.messaging.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class GetMessageIT {

    @LocalServerPort
    int port;

    @Autowired
    CqlSession session;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void getMessagePagesNewestFirstAcrossConversations() {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        String carol = api.newUser("carol");
        api.sent(alice, bob, "1 alice to bob");
        api.sent(carol, alice, "2 carol to alice");
        api.sent(alice, carol, "3 alice to carol");
        api.sent(bob, carol, "not alice's");
        api.sent(bob, alice, "4 bob to alice");

        JsonNode first = json(api.get("/api/v1/messages?limit=2", alice));
        assertThat(texts(first)).containsExactly("4 bob to alice", "3 alice to carol");
        assertThat(first.path("nextBefore").isNull()).isFalse();
        assertThat(first.path("nextBefore").asString())
            .isEqualTo(first.path("messages").get(1).path("sentAt").asString());

        JsonNode second = json(
                api.get("/api/v1/messages?limit=2&before=" + Api.query(first.path("nextBefore").asString()), alice));
        assertThat(texts(second)).containsExactly("2 carol to alice", "1 alice to bob");
        JsonNode message = second.path("messages").get(1);
        assertThat(message.path("conversationId").asString()).startsWith("d:");
        assertThat(message.path("sender").asString()).isEqualTo(alice);
        assertThat(message.path("senderDevice").asString()).isEqualTo("rest");
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("media").isArray()).isTrue();
        assertThat(second.has("nextBefore")).isTrue();
        assertThat(second.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void getMessageWalksBackAcrossMonths() {
        String dora = api.newUser("dora");
        String emil = api.newUser("emil");
        api.sent(dora, emil, "this month");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        seedTimeline(dora, now.minus(70, ChronoUnit.DAYS), "two months ago");
        seedTimeline(dora, now.minus(400, ChronoUnit.DAYS), "last year");

        JsonNode page = json(api.get("/api/v1/messages", dora));

        assertThat(texts(page)).containsExactly("this month", "two months ago", "last year");
        assertThat(page.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void aNewUserHasNoMessages() {
        JsonNode page = json(api.get("/api/v1/messages", api.newUser("fresh")));
        assertThat(page.path("messages").isEmpty()).isTrue();
        assertThat(page.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void outOfRangePagingParametersAreValidationFailed() {
        String alice = api.newUser("alice");
        assertProblem(api.get("/api/v1/messages?limit=0", alice), 400, "validation_failed");
        assertProblem(api.get("/api/v1/messages?limit=201", alice), 400, "validation_failed");
        assertProblem(api.get("/api/v1/messages?before=yesterday", alice), 400, "validation_failed");
        assertThat(api.get("/api/v1/messages?limit=200", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void outOfRangeBeforeIsClampedNotAServerError() {
        String gus = api.newUser("gus");
        String hal = api.newUser("hal");
        api.sent(gus, hal, "newest");

        // A fast clock's future: the newest page, as without 'before'.
        assertThat(texts(json(api.get("/api/v1/messages?before=2999-01-01T00:00:00Z", gus)))).containsExactly("newest");
        assertThat(texts(json(api.get("/api/v1/messages?before=%2B1000000000-12-31T23:59:59Z", gus))))
            .containsExactly("newest");
        // Before 1970 nothing was sent.
        assertThat(json(api.get("/api/v1/messages?before=-1000000000-01-01T00:00:00Z", gus)).path("messages").isEmpty())
            .isTrue();
    }

    private void seedTimeline(String user, Instant sentAt, String text) {
        session.execute(SimpleStatement.newInstance(
                "INSERT INTO user_timeline (user_id, month, sent_at, conversation_id, "
                        + "seq, message_id, sender_id, sender_device, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user, TimelinePager.monthKey(sentAt), sentAt, "d:" + user + ":" + user, 1L, "m-seed-" + sentAt, user,
                "rest", text));
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.path("messages").forEach(m -> texts.add(m.path("text").asString()));
        return texts;
    }

}
