package com.acme.chat.wsmanager.routing;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.kit.web.ChatException;

/**
 * {@code GET /api/v1/routes/{userId}}: which handler holds each connected device of a
 * user (the design's "which handler holds user X"). Only for the caller's own user id;
 * anything else is 403 {@code forbidden}.
 */
@RestController
@Tag(name = "routes", description = "Which handler holds each connected device")
class RouteQueryController {

    private final RouteRegistry routes;

    RouteQueryController(RouteRegistry routes) {
        this.routes = routes;
    }

    @GetMapping("/api/v1/routes/{userId}")
    @Operation(summary = "The caller's connected devices and the handler holding each",
            description = "Only for the caller's own user id.")
    @ErrorResponses({ ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED })
    Mono<UserRoutes> routes(@PathVariable String userId, JwtAuthenticationToken authentication) {
        if (!userId.equals(authentication.getToken().getSubject())) {
            return Mono.error(new ChatException(ErrorCode.FORBIDDEN, "You may only look up your own routes"));
        }
        UserId user;
        try {
            user = UserId.of(userId);
        }
        catch (IllegalArgumentException ex) {
            return Mono.error(new ChatException(ErrorCode.VALIDATION_FAILED, "userId: " + ex.getMessage()));
        }
        return routes.routesOf(user)
            .map(route -> new DeviceRoute(route.device().value(), route.handlerId()))
            .collectList()
            .map(devices -> new UserRoutes(userId, devices));
    }

    /**
     * @param userId the user
     * @param devices the user's connected devices
     */
    record UserRoutes(String userId, List<DeviceRoute> devices) {
    }

    /**
     * @param deviceId the device
     * @param handlerId the handler instance holding its connection
     */
    record DeviceRoute(String deviceId, String handlerId) {
    }

}
