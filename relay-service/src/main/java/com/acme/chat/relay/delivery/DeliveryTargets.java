package com.acme.chat.relay.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.queue.UnsentQueueRepository;

/**
 * Which devices of a recipient get a queue row for a message: every known device, except
 * the device the message was sent from when the recipient is the sender; then every
 * routed device that is not among them yet (it connected before its registration reached
 * this instance). A recipient with no device at all gets it under the pending pseudo
 * device {@link UnsentQueueRepository#UNASSIGNED}, which their first device to connect
 * takes over.
 */
final class DeliveryTargets {

    private DeliveryTargets() {
    }

    /**
     * @param recipient who the message is for
     * @param sender who sent it
     * @param senderDevice which device sent it
     * @param known the recipient's registered devices
     * @return the devices to queue for, ordered by device id; empty when the only device
     * is the sending one
     */
    static List<DeviceId> select(UserId recipient, UserId sender, DeviceId senderDevice, Collection<DeviceId> known) {
        TreeSet<DeviceId> devices = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        devices.addAll(known);
        if (devices.isEmpty()) {
            return List.of(UnsentQueueRepository.UNASSIGNED);
        }
        if (recipient.equals(sender)) {
            devices.remove(senderDevice);
        }
        return List.copyOf(devices);
    }

    /**
     * @param recipient who the message is for
     * @param sender who sent it
     * @param senderDevice which device sent it
     * @param queued the devices that already got a row
     * @param routes the recipient's live routes
     * @return the routed devices still without a row (never the sending device)
     */
    static List<DeviceId> routedWithoutRow(UserId recipient, UserId sender, DeviceId senderDevice,
            Collection<DeviceId> queued, Collection<Route> routes) {
        List<DeviceId> missing = new ArrayList<>();
        for (Route route : routes) {
            DeviceId device = route.device();
            if (!isSendingDevice(recipient, sender, senderDevice, device) && !queued.contains(device)
                    && !missing.contains(device)) {
                missing.add(device);
            }
        }
        return missing;
    }

    /**
     * @return whether {@code device} is the one the message was sent from, in the copy
     * for the sender's own devices: the only routed device that gets neither a row nor
     * the push
     */
    static boolean isSendingDevice(UserId recipient, UserId sender, DeviceId senderDevice, DeviceId device) {
        return recipient.equals(sender) && device.equals(senderDevice);
    }

}
