package com.acme.chat.relay.delivery;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.queue.UnsentQueueRepository;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTargetsTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static DeviceId device(String id) {
        return DeviceId.of(id);
    }

    private static Route route(UserId user, String device) {
        return new Route(user, device(device), "h1", "c-" + device);
    }

    @Test
    void queuesForEveryKnownDeviceOfAnotherRecipient() {
        List<DeviceId> targets = DeliveryTargets.select(BOB, ALICE, device("phone"),
                Set.of(device("web"), device("phone")), List.of());

        assertThat(targets).containsExactly(device("phone"), device("web"));
    }

    @Test
    void addsRoutedDevicesThatAreNotRegisteredYet() {
        List<DeviceId> targets = DeliveryTargets.select(BOB, ALICE, device("phone"), Set.of(device("web")),
                List.of(route(BOB, "tablet"), route(BOB, "web")));

        assertThat(targets).containsExactly(device("tablet"), device("web"));
    }

    @Test
    void skipsTheSendingDeviceWhenTheRecipientIsTheSender() {
        List<DeviceId> targets = DeliveryTargets.select(ALICE, ALICE, device("phone"),
                Set.of(device("phone"), device("laptop")), List.of(route(ALICE, "phone")));

        assertThat(targets).containsExactly(device("laptop"));
    }

    @Test
    void keepsTheSameDeviceIdOfAnotherRecipient() {
        List<DeviceId> targets = DeliveryTargets.select(BOB, ALICE, device("phone"), Set.of(device("phone")),
                List.of());

        assertThat(targets).containsExactly(device("phone"));
    }

    @Test
    void queuesNothingWhenTheSendingDeviceIsTheSendersOnlyDevice() {
        List<DeviceId> targets = DeliveryTargets.select(ALICE, ALICE, device("phone"), Set.of(device("phone")),
                List.of(route(ALICE, "phone")));

        assertThat(targets).isEmpty();
    }

    @Test
    void fallsBackToThePendingQueueWhenTheRecipientHasNoDeviceAtAll() {
        List<DeviceId> targets = DeliveryTargets.select(BOB, ALICE, device("phone"), Set.of(), List.of());

        assertThat(targets).containsExactly(UnsentQueueRepository.UNASSIGNED);
    }

    @Test
    void fallsBackToThePendingQueueForASenderWithoutAnyDevice() {
        List<DeviceId> targets = DeliveryTargets.select(ALICE, ALICE, device("rest"), Set.of(), List.of());

        assertThat(targets).containsExactly(UnsentQueueRepository.UNASSIGNED);
    }

}
