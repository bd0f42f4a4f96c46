package com.acme.chat.relay.device;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.relay.web.RequestIds;

/**
 * The authenticated user's devices (Signal's "linked devices"): {@code GET
 * /api/v1/devices} lists them, {@code DELETE /api/v1/devices/{deviceId}} removes one,
 * which frees its place under {@code chat.relay.max-devices-per-user}, drops its queue
 * and closes its connection, if it has one, with 4005 (ADR 0022).
 */
@RestController
@Tag(name = "devices", description = "The caller's devices: list them, remove one")
class DeviceController {

    private final DeviceService service;

    DeviceController(DeviceService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/devices")
    @Operation(summary = "List my devices",
            description = "Every device that has connected and was not removed, with when it was first and last "
                    + "seen, whether it is connected now, and whether it is idle (unseen for the idle timeout: it "
                    + "gets nothing queued and goes when a new device connects).")
    @ErrorResponses({ ErrorCode.UNAUTHENTICATED, ErrorCode.SERVICE_UNAVAILABLE })
    DeviceList list(@AuthenticationPrincipal Jwt jwt) {
        UserId user = RequestIds.caller(jwt);
        Set<DeviceId> connected = service.connected(user);
        return new DeviceList(service.list(user)
            .stream()
            .map(device -> new DeviceView(device.deviceId().value(), device.firstSeen(), device.lastSeen(),
                    connected.contains(device.deviceId()), device.idle()))
            .toList());
    }

    @DeleteMapping("/api/v1/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove one of my devices",
            description = "Frees its place under the device limit, drops everything queued for it (it can fetch "
                    + "history over REST if it comes back) and closes its connection with 4005. A device that "
                    + "connects again afterwards is a new device. Removing a device that is not registered is "
                    + "404 unknown_device.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_DEVICE, ErrorCode.UNAUTHENTICATED,
            ErrorCode.SERVICE_UNAVAILABLE })
    void remove(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "One of the caller's devices") @PathVariable String deviceId) {
        service.remove(RequestIds.caller(jwt), RequestIds.device(deviceId));
    }

    /**
     * @param devices the caller's devices, ordered by device id
     */
    record DeviceList(List<DeviceView> devices) {
    }

    /**
     * @param deviceId the device
     * @param firstSeen when it first connected
     * @param lastSeen when it last disconnected (or first connected)
     * @param connected whether it has a connection now
     * @param idle whether it is unseen for the idle timeout
     */
    record DeviceView(String deviceId, @Nullable Instant firstSeen, @Nullable Instant lastSeen, boolean connected,
            boolean idle) {
    }

}
