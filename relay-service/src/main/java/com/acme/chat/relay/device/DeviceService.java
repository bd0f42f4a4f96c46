package com.acme.chat.relay.device;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.Route;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.relay.queue.QueueSizes;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * A user's own devices: which are registered and connected, and removing one, which frees
 * its place under {@code chat.relay.max-devices-per-user}, drops its queue and its queue
 * count, and closes its connection with 4005 (ADR 0022).
 */
@Service
class DeviceService {

    private static final Logger log = LoggerFactory.getLogger(DeviceService.class);

    private final DeviceRegistry devices;

    private final UnsentQueueRepository queue;

    private final QueueSizes sizes;

    private final RouteDirectory routes;

    private final HandlerChannelPublisher publisher;

    DeviceService(DeviceRegistry devices, UnsentQueueRepository queue, QueueSizes sizes, RouteDirectory routes,
            HandlerChannelPublisher publisher) {
        this.devices = devices;
        this.queue = queue;
        this.sizes = sizes;
        this.routes = routes;
        this.publisher = publisher;
    }

    /**
     * @return the user's registered devices, idle ones included, ordered by device id
     */
    List<DeviceRegistry.RegisteredDevice> list(UserId user) {
        return devices.list(user);
    }

    /**
     * @return the user's devices that are connected now (none when Redis cannot say)
     */
    Set<DeviceId> connected(UserId user) {
        try {
            return routes.current(user).stream().map(Route::device).collect(Collectors.toSet());
        }
        catch (RuntimeException ex) {
            return Set.of();
        }
    }

    /**
     * @throws ChatException {@code unknown_device} when the user has no such device,
     * {@code validation_failed} for the pending pseudo device
     */
    void remove(UserId user, DeviceId device) {
        if (UnsentQueueRepository.UNASSIGNED.equals(device)) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "deviceId: '*' is not a device");
        }
        if (!devices.remove(user, device)) {
            throw new ChatException(ErrorCode.UNKNOWN_DEVICE, "No device '" + device.value() + "'");
        }
        queue.dropQueue(user, device);
        sizes.forget(user, device);
        try {
            for (Route route : routes.current(user)) {
                if (route.device().equals(device)) {
                    publisher.evictRemoved(route);
                }
            }
        }
        catch (RuntimeException ex) {
            // Removed all the same; a connection that stays open registers the device
            // again only when it connects again.
            log.warn("Removed device {} of {}, but could not close its connection: {}", device, user, ex.toString());
        }
    }

}
