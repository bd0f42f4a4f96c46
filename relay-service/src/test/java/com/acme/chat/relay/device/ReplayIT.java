package com.acme.chat.relay.device;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.relay.testsupport.Events.delivery;
import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/devices/{deviceId}/replay}, the page-by-page read of a connecting
 * device's queue that websocket-manager makes before it lets live pushes through, and the
 * device-list cache it feeds.
 */
@ChatIntegrationTest
class ReplayIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId TABLET = DeviceId.of("tablet");

    private static final DeviceId WEB = DeviceId.of("web");

    @Autowired
    DeviceRegistry devices;

    @Test
    void pagesThroughTheQueueOldestFirstUntilNextIsNull() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        List<DeliveryRequested> messages = queueOffline(bob, alice, PHONE, 5);
        String token = TestTokens.forUser(bob.value());

        List<JsonNode> received = new ArrayList<>();
        JsonNode page = replay(token, PHONE, Map.of("limit", 2));
        int pages = 1;
        received.addAll(page.path("messages").valueStream().toList());
        while (!page.path("next").isNull()) {
            page = replay(token, PHONE, Map.of("after", page.path("next"), "limit", 2));
            received.addAll(page.path("messages").valueStream().toList());
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(received).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(json.treeToValue(received.get(i), com.acme.chat.common.protocol.ServerFrame.class))
                .isEqualTo(messages.get(i).toFrame());
        }
        // Reading took nothing out of the queue: only acks do.
        assertThat(queue.of(bob, PHONE)).hasSize(5);
    }

    @Test
    void firstPageRegistersTheDeviceAndHandsItThePendingMessages() {
        UserId alice = freshUser("alice");
        UserId carol = freshUser("carol");
        DeliveryRequested pending = delivery(carol, alice, WEB, 1);
        events.send(pending);
        await().atMost(KAFKA_WAIT)
            .until(() -> queue.messageIds(carol, UnsentQueueRepository.UNASSIGNED)
                .contains(pending.messageId().value()));

        JsonNode page = replay(TestTokens.forUser(carol.value()), TABLET, Map.of());

        assertThat(page.path("messages").valueStream().map(m -> m.path("messageId").asString()))
            .containsExactly(pending.messageId().value());
        assertThat(page.path("next").isNull()).isTrue();
        assertThat(devices.devices(carol)).containsExactly(TABLET);
        assertThat(queue.of(carol, UnsentQueueRepository.UNASSIGNED)).isEmpty();
        assertThat(queue.messageIds(carol, TABLET)).containsExactly(pending.messageId().value());
    }

    @Test
    void aUserReadsOnlyHisOwnQueue() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        devices.register(bob, PHONE, Instant.now());
        queueOffline(bob, alice, PHONE, 1);

        JsonNode page = replay(TestTokens.forUser(alice.value()), PHONE, Map.of());

        assertThat(page.path("messages").isEmpty()).isTrue();
        assertThat(Http.request(Http.local(port, "/api/v1/devices/phone/replay")).post("{}").statusCode())
            .isEqualTo(401);
    }

    @Test
    void badRequestsAreValidationErrors() {
        String token = TestTokens.forUser(freshUser("dave").value());

        for (String body : List.of("{\"limit\": 0}", "{\"limit\": 501}",
                "{\"after\": {\"conversationId\": \"\", " + "\"seq\": 1}}",
                "{\"after\": {\"conversationId\": \"no such form\", \"seq\": 1}}")) {
            HttpResponse<String> response = post(token, PHONE.value(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("code").asString()).as(body).isEqualTo("validation_failed");
        }
        assertThat(post(token, "*", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void aDeviceChangeAnnouncedByAnotherInstanceDropsTheCachedList() {
        UserId erin = freshUser("erin");
        // Rows written directly: a registration here would announce itself, and its
        // announcement could arrive after the list below is cached.
        insertDevice(erin, PHONE);
        assertThat(devices.devices(erin)).containsExactly(PHONE);
        // Another relay instance registers a tablet: its row, then its announcement.
        insertDevice(erin, TABLET);
        assertThat(devices.devices(erin)).as("cached").containsExactly(PHONE);

        redis.convertAndSend(keys.prefix() + "relay:devices", erin.value());

        await().atMost(java.time.Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(devices.devices(erin)).containsExactly(PHONE, TABLET));
    }

    private void insertDevice(UserId user, DeviceId device) {
        session.execute(SimpleStatement.newInstance(
                "INSERT INTO user_devices (user_id, device_id, first_seen, last_seen) VALUES (?, ?, ?, ?)",
                user.value(), device.value(), Instant.now(), Instant.now()));
    }

    @Test
    void aSeventhDeviceIsRefusedUntilAnIdleOneIsGone() {
        UserId dave = freshUser("dave");
        String token = TestTokens.forUser(dave.value());
        for (int i = 1; i <= 6; i++) {
            replay(token, DeviceId.of("d" + i), Map.of());
        }

        HttpResponse<String> seventh = post(token, "d7", "{}");

        Http.assertProblem(seventh, 409, "too_many_devices");
        // Still six, and the six work as before.
        assertThat(devices.devices(dave)).hasSize(6);
        replay(token, DeviceId.of("d3"), Map.of());

        // One of them was last seen 31 days ago: it is gone, the seventh takes its place.
        session.execute(
                SimpleStatement.newInstance("UPDATE user_devices SET last_seen = ? WHERE user_id = ? AND device_id = ?",
                        Instant.now().minus(Duration.ofDays(31)), dave.value(), "d1"));
        devices.forget(dave);
        assertThat(devices.devices(dave)).as("no longer queued for").doesNotContain(DeviceId.of("d1"));

        replay(token, DeviceId.of("d7"), Map.of());

        assertThat(devices.devices(dave)).hasSize(6).contains(DeviceId.of("d7")).doesNotContain(DeviceId.of("d1"));
        assertThat(session
            .execute(SimpleStatement.newInstance(
                    "SELECT device_id FROM user_devices WHERE user_id = ? AND device_id = ?", dave.value(), "d1"))
            .one()).as("removed").isNull();
    }

    private JsonNode replay(String token, DeviceId device, Map<String, ?> body) {
        HttpResponse<String> response = post(token, device.value(), json.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String token, String device, String body) {
        return Http.request(Http.local(port, "/api/v1/devices/" + device + "/replay")).bearer(token).post(body);
    }

}
