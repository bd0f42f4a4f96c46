package com.acme.chat.relay.device;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.testsupport.Events;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.TestTokens;

import static com.acme.chat.relay.testsupport.Events.freshUser;
import static com.acme.chat.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@code GET /api/v1/devices} and {@code DELETE /api/v1/devices/{deviceId}}: a user past
 * the device limit makes room by removing a device; its queue goes with it, its live
 * connection is told to close, and its late disconnect does not bring it back.
 */
@ChatIntegrationTest
class DevicesIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId OLD_TABLET = DeviceId.of("old-tablet");

    @Autowired
    DeviceRegistry devices;

    @Test
    void removingADeviceFreesItsPlaceDropsItsQueueAndClosesItsConnection() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        String token = TestTokens.forUser(bob.value());
        Instant now = Instant.now();
        devices.register(bob, PHONE, now);
        devices.register(bob, OLD_TABLET, now);
        for (int i = 3; i <= 6; i++) {
            devices.register(bob, DeviceId.of("d" + i), now);
        }
        handler.route(bob, OLD_TABLET, "conn-tablet");
        events.send(Events.delivery(bob, alice, DeviceId.of("web"), 1));
        handler.awaitDelivers(1, KAFKA_WAIT);
        assertThat(queue.of(bob, OLD_TABLET)).hasSize(1);
        // The user has 6: a seventh is refused.
        assertProblem(replay(token, DeviceId.of("new-phone")), 409, "too_many_devices");

        JsonNode listed = Http.json(get(token));
        assertThat(listed.path("devices").valueStream().map(device -> device.path("deviceId").asString()))
            .containsExactly("d3", "d4", "d5", "d6", "old-tablet", "phone");
        assertThat(listed.path("devices")
            .valueStream()
            .filter(device -> device.path("connected").asBoolean())
            .map(device -> device.path("deviceId").asString())).containsExactly("old-tablet");

        assertThat(delete(token, OLD_TABLET).statusCode()).isEqualTo(204);

        assertThat(handler.awaitEvicts(Duration.ofSeconds(10)))
            .containsExactly(new HandlerMessage.Evict(bob, OLD_TABLET, "conn-tablet", HandlerMessage.Evict.REMOVED));
        assertThat(queue.of(bob, OLD_TABLET)).isEmpty();
        // Its disconnect, arriving after the removal, does not register it again.
        devices.disconnected(bob, OLD_TABLET, Instant.now());
        assertThat(devices.list(bob)).extracting(DeviceRegistry.RegisteredDevice::deviceId).doesNotContain(OLD_TABLET);
        // Room for the new phone now.
        assertThat(replay(token, DeviceId.of("new-phone")).statusCode()).isEqualTo(200);
        // Removing it twice, or a device of another user, is unknown_device.
        assertProblem(delete(token, OLD_TABLET), 404, "unknown_device");
        assertProblem(delete(TestTokens.forUser(alice.value()), PHONE), 404, "unknown_device");
        assertThat(devices.list(bob)).extracting(DeviceRegistry.RegisteredDevice::deviceId).contains(PHONE);
        assertProblem(delete(token, DeviceId.of("*")), 400, "validation_failed");
    }

    @Test
    void listsNothingForAUserWithoutDevices() {
        UserId carol = freshUser("carol");
        assertThatNoException().isThrownBy(() -> assertThat(
                Http.json(get(TestTokens.forUser(carol.value()))).path("devices").valueStream().toList())
            .isEmpty());
    }

    private HttpResponse<String> get(String token) {
        return Http.request(Http.local(port, "/api/v1/devices")).bearer(token).get();
    }

    private HttpResponse<String> delete(String token, DeviceId device) {
        return Http.request(Http.local(port, "/api/v1/devices/" + device.value())).bearer(token).delete();
    }

    private HttpResponse<String> replay(String token, DeviceId device) {
        return Http.request(Http.local(port, "/api/v1/devices/" + device.value() + "/replay"))
            .bearer(token)
            .post(json.writeValueAsString(java.util.Map.of("limit", 10)));
    }

}
