package com.acme.chat.messaging.message;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.messaging.testsupport.Kafka;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;

import static com.acme.chat.messaging.testsupport.Api.conversationPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Get-Message with groups on the real servers (docs/adr/0028): membership published on
 * {@code chat.groups.v1} as group-service does, group sends through the REST API, and
 * each member's Get-Message holds his 1:1 messages and exactly the group messages he may
 * read, paged by {@code nextBefore} with none twice and none skipped.
 */
@ChatIntegrationTest
class GetMessageGroupsIT {

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    JsonMapper json;

    @Autowired
    CqlSession session;

    Api api;

    Kafka kafka;

    String alice;

    String bob;

    String carol;

    GroupId group;

    String conversation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        kafka = new Kafka(namespace);
        alice = api.newUser("alice");
        bob = api.newUser("bob");
        carol = api.newUser("carol");
        group = GroupId.of("grp-" + UUID.randomUUID());
        conversation = "g:" + group.value();
    }

    @Test
    void eachMemberReadsHisGroupMessagesBetweenJoinAndRemovalMergedWithHisOneToOneMessages() {
        createdByAliceWithBob();
        sentToGroup(alice, "g2 hello");
        api.sent(alice, bob, "d alice to bob");
        publish(new MemberAdded(UUID.randomUUID(), Instant.now(), MemberAdded.VERSION, group, UserId.of(carol),
                UserId.of(alice), 2));
        awaitSeq(alice, 3);
        sentToGroup(bob, "g4 hi");
        publish(new MemberRemoved(UUID.randomUUID(), Instant.now(), MemberRemoved.VERSION, group, UserId.of(bob),
                UserId.of(alice), 3));
        awaitSeq(alice, 5);
        sentToGroup(alice, "g6 bob is gone");
        api.sent(carol, alice, "d carol to alice");

        // The group's stream: 1 created, 2 hello, 3 carol added, 4 hi, 5 bob removed, 6
        // gone.
        assertThat(labels(allPages(alice, 2))).containsExactly("d carol to alice", "g6 bob is gone", "g:member_removed",
                "g4 hi", "g:member_added", "d alice to bob", "g2 hello", "g:group_created");
        // Bob: nothing after his removal (his removal is the last he reads).
        assertThat(labels(allPages(bob, 3))).containsExactly("g:member_removed", "g4 hi", "g:member_added",
                "d alice to bob", "g2 hello", "g:group_created");
        // Carol: nothing before her join.
        assertThat(labels(allPages(carol, 1))).containsExactly("d carol to alice", "g6 bob is gone", "g:member_removed",
                "g4 hi", "g:member_added");
    }

    @Test
    void anOutsiderSeesNoGroupMessages() {
        createdByAliceWithBob();
        sentToGroup(alice, "members only");
        api.sent(carol, bob, "d carol to bob");

        assertThat(labels(allPages(carol, 50))).containsExactly("d carol to bob");
    }

    /** Every page from now back, asserting each is newest first and links to the next. */
    private List<JsonNode> allPages(String user, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String path = "/api/v1/messages?limit=" + limit;
        while (path != null) {
            HttpResponse<String> response = api.get(path, user);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = Http.json(response);
            page.path("messages").forEach(all::add);
            JsonNode next = page.path("nextBefore");
            path = next.isNull() ? null : "/api/v1/messages?limit=" + limit + "&before=" + Api.query(next.asString());
        }
        List<String> sentAts = all.stream().map(m -> m.path("sentAt").asString()).toList();
        assertThat(sentAts.stream().map(Instant::parse).toList()).isSortedAccordingTo(Comparator.reverseOrder());
        return all;
    }

    /** The text of a message a member sent, {@code g:<event>} for a system message. */
    private List<String> labels(List<JsonNode> messages) {
        return messages.stream()
            .filter(m -> !m.path("conversationId").asString().startsWith("g:")
                    || m.path("conversationId").asString().equals(conversation))
            .map(m -> m.has("system") ? "g:" + m.path("system").path("event").asString() : m.path("text").asString())
            .toList();
    }

    private void createdByAliceWithBob() {
        publish(new GroupCreated(UUID.randomUUID(), Instant.now(), GroupCreated.VERSION, group, "Hikers",
                UserId.of(alice), List.of(UserId.of(alice), UserId.of(bob)), 1));
        awaitSeq(alice, 1);
    }

    private void publish(GroupEvent event) {
        kafka.publish(event, json);
    }

    private void sentToGroup(String from, String text) {
        HttpResponse<String> response = api.post("/api/v1/messages", from,
                Json.object("clientMsgId", UUID.randomUUID().toString(), "group", group.value(), "text", text));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Waits until the group's stream holds {@code seq} (a change's system message). */
    private void awaitSeq(String reader, long seq) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = api.get(conversationPath(conversation, "/messages?beforeSeq=" + (seq + 1)),
                    reader);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.json(response).path("messages").path(0).path("seq").asLong()).isEqualTo(seq);
        });
    }

}
