package com.acme.chat.group.group;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.event.MemberRoleChanged;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.LocalServers;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The group API against the real Cassandra and Kafka: every endpoint, its errors, the
 * member limit under concurrency, and the change log's promise that every version reaches
 * {@code chat.groups.v1} once, in order, even when its writer stopped after the append.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "chat.group.max-members=4", "chat.group.sweep-grace=0s",
        // The tests run the sweep themselves.
        "chat.group.sweep-interval=1h" })
class GroupsIT {

    @LocalServerPort
    int port;

    @Autowired
    ChatNamespace namespace;

    @Autowired
    JsonMapper mapper;

    @Autowired
    GroupLogRepository groupLog;

    @Autowired
    GroupLogPublisher publisher;

    KafkaConsumer<String, String> consumer;

    String alice;

    String bob;

    String carol;

    String dave;

    @BeforeEach
    void setUp() {
        alice = user("alice");
        bob = user("bob");
        carol = user("carol");
        dave = user("dave");
        consumer = consumerAtEnd();
    }

    @AfterEach
    void tearDown() {
        consumer.close();
    }

    @Test
    void createsAGroupItsMembersCanRead() {
        JsonNode group = created(alice, "Family", bob, carol);

        assertThat(group.path("groupId").asString()).startsWith("grp-");
        assertThat(group.path("name").asString()).isEqualTo("Family");
        assertThat(group.path("version").asLong()).isEqualTo(1);
        assertThat(roles(group))
            .containsExactlyInAnyOrderEntriesOf(Map.of(alice, "ADMIN", bob, "MEMBER", carol, "MEMBER"));
        String id = group.path("groupId").asString();

        HttpResponse<String> read = get("/api/v1/groups/" + id, carol);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(roles(json(read))).isEqualTo(roles(group));
        HttpResponse<String> mine = get("/api/v1/groups", bob);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).path("groups").get(0).path("groupId").asString()).isEqualTo(id);
        assertThat(json(mine).path("groups").get(0).path("role").asString()).isEqualTo("MEMBER");
        assertThat(json(get("/api/v1/groups", dave)).path("groups").size()).isZero();
        assertThat(versionsOnKafka(id, 1)).containsExactly(1L);
    }

    @Test
    void answersEveryEndpointOfAnUnknownGroupOrAForeignOneWithUnknownGroup() {
        String id = created(alice, "Family", bob).path("groupId").asString();
        for (String group : List.of(id, "grp-" + UUID.randomUUID())) {
            for (Function<String, HttpResponse<String>> call : everyGroupCall(group, bob)) {
                assertProblem(call.apply(dave), 404, "unknown_group");
            }
        }
        assertThat(json(get("/api/v1/groups/" + id, alice)).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void answersAdminOnlyChangesOfAPlainMemberWithNotAnAdmin() {
        String id = created(alice, "Family", bob, carol).path("groupId").asString();

        assertProblem(request("/api/v1/groups/" + id, bob).patch(Json.object("name", "Mine")), 403, "not_an_admin");
        assertProblem(addMembers(id, bob, dave), 403, "not_an_admin");
        assertProblem(request("/api/v1/groups/" + id + "/members/" + carol, bob).delete(), 403, "not_an_admin");
        assertProblem(request("/api/v1/groups/" + id + "/admins/" + bob, bob).put(), 403, "not_an_admin");
        assertProblem(request("/api/v1/groups/" + id + "/admins/" + alice, bob).delete(), 403, "not_an_admin");
        assertThat(json(get("/api/v1/groups/" + id, bob)).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void adminsRenameAddRemovePromoteAndDemote() {
        String id = created(alice, "Family", bob).path("groupId").asString();
        String path = "/api/v1/groups/" + id;

        JsonNode renamed = ok(request(path, alice).patch(Json.object("name", "The family")));
        assertThat(renamed.path("name").asString()).isEqualTo("The family");
        JsonNode grown = ok(addMembers(id, alice, carol, dave));
        assertThat(roles(grown)).containsOnlyKeys(alice, bob, carol, dave);
        assertThat(ok(addMembers(id, alice, carol)).path("version").asLong()).isEqualTo(4);
        JsonNode promoted = ok(request(path + "/admins/" + carol, alice).put());
        assertThat(roles(promoted)).containsEntry(carol, "ADMIN");
        JsonNode demoted = ok(request(path + "/admins/" + carol, carol).delete());
        assertThat(roles(demoted)).containsEntry(carol, "MEMBER");
        JsonNode shrunk = ok(request(path + "/members/" + bob, alice).delete());
        assertThat(roles(shrunk)).doesNotContainKey(bob);
        assertThat(ok(request(path + "/members/" + bob, alice).delete()).path("version").asLong()).isEqualTo(7);
        assertProblem(get(path, bob), 404, "unknown_group");
        assertThat(json(get("/api/v1/groups", bob)).path("groups").size()).isZero();

        assertProblem(request(path + "/admins/" + bob, alice).put(), 404, "unknown_user");
        assertProblem(request(path + "/admins/" + alice, alice).delete(), 400, "bad_request");
        assertThat(versionsOnKafka(id, 7)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aMemberLeavesByEitherPath() {
        String id = created(alice, "Family", bob, carol).path("groupId").asString();

        assertThat(request("/api/v1/groups/" + id + "/leave", bob).post("{}").statusCode()).isEqualTo(204);
        assertThat(request("/api/v1/groups/" + id + "/members/" + carol, carol).delete().statusCode()).isEqualTo(204);

        assertThat(roles(json(get("/api/v1/groups/" + id, alice)))).containsOnlyKeys(alice);
        assertProblem(request("/api/v1/groups/" + id + "/leave", bob).post("{}"), 404, "unknown_group");
    }

    @Test
    void theLastAdminLeavingPromotesTheLongestStandingMember() {
        String id = created(alice, "Family", carol).path("groupId").asString();
        ok(addMembers(id, alice, bob));

        assertThat(request("/api/v1/groups/" + id + "/leave", alice).post("").statusCode()).isEqualTo(204);

        assertThat(roles(json(get("/api/v1/groups/" + id, bob)))).isEqualTo(Map.of(carol, "ADMIN", bob, "MEMBER"));
        List<GroupEvent> events = eventsOnKafka(id, 4);
        assertThat(events.get(2)).isInstanceOfSatisfying(MemberRemoved.class,
                removed -> assertThat(removed.user().value()).isEqualTo(alice));
        assertThat(events.get(3)).isInstanceOfSatisfying(MemberRoleChanged.class, changed -> {
            assertThat(changed.user().value()).isEqualTo(carol);
            assertThat(changed.role()).isEqualTo(GroupRole.ADMIN);
        });
    }

    @Test
    void refusesInvalidInput() {
        assertProblem(request("/api/v1/groups", alice).post(Json.object("name", " ", "members", List.of())), 400,
                "validation_failed");
        assertProblem(request("/api/v1/groups", alice).post(Json.object("name", "x".repeat(101))), 400,
                "validation_failed");
        assertProblem(request("/api/v1/groups", alice).post(Json.object("name", "ok", "members", List.of("a b"))), 400,
                "validation_failed");
        String id = created(alice, "Family").path("groupId").asString();
        assertProblem(addMembers(id, alice), 400, "validation_failed");
        assertProblem(get("/api/v1/groups/a%20b", alice), 400, "validation_failed");
        assertProblem(Http.request(Http.local(port, "/api/v1/groups")).get(), 401, "unauthenticated");
    }

    @Test
    void refusesGroupsPastTheMemberLimit() {
        assertProblem(
                request("/api/v1/groups", alice)
                    .post(Json.object("name", "Big", "members", List.of(bob, carol, dave, user("erin")))),
                409, "group_full");
        String id = created(alice, "Family", bob, carol).path("groupId").asString();

        assertProblem(addMembers(id, alice, dave, user("erin")), 409, "group_full");
        assertThat(roles(ok(addMembers(id, alice, dave)))).hasSize(4);
        assertProblem(addMembers(id, alice, user("erin")), 409, "group_full");
    }

    @Test
    @Timeout(120)
    void ofTwoConcurrentAddsThatTogetherPassTheLimitOnlyOneWins() throws Exception {
        String id = created(alice, "Family", bob).path("groupId").asString();
        String erin = user("erin");

        List<HttpResponse<String>> answers = concurrently(
                List.of(() -> addMembers(id, alice, carol, dave), () -> addMembers(id, alice, erin, user("frank"))));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        assertThat(roles(json(get("/api/v1/groups/" + id, alice)))).hasSize(4);
        // The winner's two users are two changes, versions 2 and 3.
        assertThat(versionsOnKafka(id, 3)).containsExactly(1L, 2L, 3L);
    }

    @Test
    @Timeout(180)
    void concurrentChangesGetConsecutiveVersionsPublishedOnceEachInOrder() throws Exception {
        String id = created(alice, "Family", bob).path("groupId").asString();
        List<Callable<HttpResponse<String>>> changes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "Family " + i;
            changes.add(() -> request("/api/v1/groups/" + id, alice).patch(Json.object("name", name)));
        }

        List<HttpResponse<String>> answers = concurrently(changes);

        // A rename that lost every attempt answers a retryable 503; each other one is a
        // version of its own.
        long applied = answers.stream().filter(answer -> answer.statusCode() == 200).count();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 503));
        assertThat(applied).isPositive();
        List<Long> log = groupLog.entries(GroupId.of(id)).stream().map(e -> e.event().groupVersion()).toList();
        assertThat(log).isEqualTo(LongStream.rangeClosed(1, 1 + applied).boxed().toList());
        assertThat(versionsOnKafka(id, log.size())).isEqualTo(log);
        assertThat(groupLog.entries(GroupId.of(id))).allSatisfy(entry -> assertThat(entry.published()).isTrue());
    }

    @Test
    @Timeout(120)
    void anEntryWhoseWriterStoppedAfterTheAppendIsStillAppliedAndPublished() {
        String id = created(alice, "Family", bob).path("groupId").asString();
        GroupId group = GroupId.of(id);
        assertThat(versionsOnKafka(id, 1)).containsExactly(1L);
        // The writer appends version 2 and stops before the projections and Kafka.
        appendWithoutPublishing(group, carol);
        assertProblem(get("/api/v1/groups/" + id, carol), 404, "unknown_group");

        assertThat(publisher.sweep()).isPositive();

        assertThat(versionsOnKafka(id, 1)).containsExactly(2L);
        assertThat(roles(json(get("/api/v1/groups/" + id, carol)))).containsEntry(carol, "MEMBER");
        assertThat(groupLog.entries(group)).allSatisfy(entry -> assertThat(entry.published()).isTrue());
    }

    @Test
    @Timeout(120)
    void theNextChangePublishesAnUnpublishedEntryFirst() {
        String id = created(alice, "Family", bob).path("groupId").asString();
        GroupId group = GroupId.of(id);
        assertThat(versionsOnKafka(id, 1)).containsExactly(1L);
        appendWithoutPublishing(group, carol);

        ok(request("/api/v1/groups/" + id, alice).patch(Json.object("name", "Renamed")));

        assertThat(versionsOnKafka(id, 2)).containsExactly(2L, 3L);
    }

    // ---- helpers ----

    /** What a writer that stopped right after its append leaves: alice added the user. */
    private void appendWithoutPublishing(GroupId group, String user) {
        List<GroupEvent> log = groupLog.entries(group).stream().map(GroupLogRepository.Entry::event).toList();
        GroupState after = GroupState.replay(group, log).orElseThrow();
        long version = after.version() + 1;
        GroupEvent added = new MemberAdded(GroupService.eventId(group, version), Instant.now(), MemberAdded.VERSION,
                group, UserId.of(user), UserId.of(alice), version);
        after.apply(added);
        assertThat(groupLog.append(group, version - 1, List.of(added), after, Instant.now())).isTrue();
    }

    private List<Function<String, HttpResponse<String>>> everyGroupCall(String group, String member) {
        String path = "/api/v1/groups/" + group;
        return List.of(caller -> get(path, caller), caller -> request(path, caller).patch(Json.object("name", "Mine")),
                caller -> addMembers(group, caller, member),
                caller -> request(path + "/members/" + member, caller).delete(),
                caller -> request(path + "/leave", caller).post("{}"),
                caller -> request(path + "/admins/" + member, caller).put(),
                caller -> request(path + "/admins/" + member, caller).delete());
    }

    private static String user(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private Http.Request request(String path, String user) {
        return Http.request(Http.local(port, path)).bearer(TestTokens.forUser(user));
    }

    private HttpResponse<String> get(String path, String user) {
        return request(path, user).get();
    }

    private JsonNode created(String creator, String name, String... members) {
        HttpResponse<String> response = request("/api/v1/groups", creator)
            .post(Json.object("name", name, "members", List.of(members)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private HttpResponse<String> addMembers(String group, String caller, String... users) {
        return request("/api/v1/groups/" + group + "/members", caller).post(Json.object("userIds", List.of(users)));
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static Map<String, String> roles(JsonNode group) {
        Map<String, String> roles = new java.util.HashMap<>();
        group.path("members")
            .forEach(member -> roles.put(member.path("userId").asString(), member.path("role").asString()));
        return roles;
    }

    private static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = pool.invokeAll(calls);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private KafkaConsumer<String, String> consumerAtEnd() {
        KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalServers.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
                namespace.group("group-it-" + UUID.randomUUID()), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = kafka.partitionsFor(namespace.topic(Topics.GROUPS), Duration.ofSeconds(10))
            .stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(p -> kafka.position(p, Duration.ofSeconds(10)));
        return kafka;
    }

    /**
     * The events of one group read from the topic until {@code count} arrived, then for
     * one more second, so a duplicate would show.
     */
    private List<GroupEvent> eventsOnKafka(String group, int count) {
        List<GroupEvent> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll(group, events);
            return events.size() >= count;
        });
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < until) {
            poll(group, events);
        }
        return events;
    }

    private List<Long> versionsOnKafka(String group, int count) {
        return eventsOnKafka(group, count).stream().map(GroupEvent::groupVersion).toList();
    }

    private void poll(String group, List<GroupEvent> events) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (record.key().equals(group)) {
                events.add((GroupEvent) mapper.readValue(record.value(), ChatEvent.class));
            }
        });
    }

}
