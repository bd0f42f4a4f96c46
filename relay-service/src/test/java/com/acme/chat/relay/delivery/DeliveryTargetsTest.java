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
                Set.of(device("web"), device("phone")));

        assertThat(targets).containsExactly(device("phone"), device("web"));
    }

    @Test
    void routedDevicesWithoutARowAreTheOnesNotRegisteredYet() {
        List<DeviceId> missing = DeliveryTargets.routedWithoutRow(BOB, ALICE, device("phone"), List.of(device("web")),
                List.of(route(BOB, "tablet"), route(BOB, "web")));

        assertThat(missing).containsExactly(device("tablet"));
    }

    @Test
    void aRoutedDeviceOfARecipientWithoutRegisteredDevicesGetsARowBesideThePendingQueue() {
        List<DeviceId> missing = DeliveryTargets.routedWithoutRow(BOB, ALICE, device("phone"),
                List.of(UnsentQueueRepository.UNASSIGNED), List.of(route(BOB, "tablet")));

        assertThat(missing).containsExactly(device("tablet"));
    }

    @Test
    void theSendingDeviceNeverGetsARowForItsOwnMessage() {
        List<DeviceId> missing = DeliveryTargets.routedWithoutRow(ALICE, ALICE, device("phone"), List.of(),
                List.of(route(ALICE, "phone"), route(ALICE, "laptop")));

        assertThat(missing).containsExactly(device("laptop"));
    }

    @Test
    void skipsTheSendingDeviceWhenTheRecipientIsTheSender() {
        List<DeviceId> targets = DeliveryTargets.select(ALICE, ALICE, device("phone"),
                Set.of(device("phone"), device("laptop")));

        assertThat(targets).containsExactly(device("laptop"));
    }

    @Test
    void keepsTheSameDeviceIdOfAnotherRecipient() {
        List<DeviceId> targets = DeliveryTargets.select(BOB, ALICE, device("phone"), Set.of(device("phone")));

        assertThat(targets).containsExactly(device("phone"));
    }

    @Test
    void queuesNothingWhenTheSendingDeviceIsTheSendersOnlyDevice() {
        List<DeviceId> targets = DeliveryTargets.select(ALICE, ALICE, device("phone"), Set.of(device("phone")));

        assertThat(targets).isEmpty();
    }

    @Test
    void fallsBackToThePendingQueueWhenTheRecipientHasNoDeviceAtAll() {
        List<DeviceId> targets = DeliveryTargets.select(BOB, ALICE, device("phone"), Set.of());

        assertThat(targets).containsExactly(UnsentQueueRepository.UNASSIGNED);
    }

    @Test
    void fallsBackToThePendingQueueForASenderWithoutAnyDevice() {
        List<DeviceId> targets = DeliveryTargets.select(ALICE, ALICE, device("rest"), Set.of());

        assertThat(targets).containsExactly(UnsentQueueRepository.UNASSIGNED);
    }

}
