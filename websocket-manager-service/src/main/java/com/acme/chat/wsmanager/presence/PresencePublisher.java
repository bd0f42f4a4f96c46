package com.acme.chat.wsmanager.presence;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.DeviceConnected;
import com.acme.chat.common.event.DeviceDisconnected;
import com.acme.chat.common.event.PresenceEvent;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;

/**
 * Publishes {@link DeviceConnected} and {@link DeviceDisconnected} to
 * {@code chat.presence.v1}, keyed by user id so one user's events stay in order, through
 * service-kit's {@link ChatEventPublisher}.
 * <p>
 * Best-effort ({@link PublishPolicy#BEST_EFFORT}): a failed publish is counted and logged
 * there and not retried, because a missed {@code device_connected} only delays the replay
 * of the device's queue to its next connect, and consumers treat presence as expiring
 * state anyway. The producer may block while it fetches metadata (a broker is down), so
 * the send is started off the Netty event loop.
 */
@Component
public class PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    private final ChatEventPublisher events;

    private final Clock clock = Clock.systemUTC();

    PresencePublisher(ChatEventPublisher events) {
        this.events = events;
    }

    /**
     * @return completes when Kafka acknowledged the event, or when the failure was
     * recorded; never fails
     */
    public Mono<Void> connected(UserId user, DeviceId device, String handlerId, String connectionId) {
        return publish(new DeviceConnected(UUID.randomUUID(), clock.instant(), DeviceConnected.VERSION, user, device,
                handlerId, connectionId, true));
    }

    /**
     * @return completes when Kafka acknowledged the event, or when the failure was
     * recorded; never fails
     */
    public Mono<Void> disconnected(UserId user, DeviceId device, String handlerId, String connectionId) {
        return publish(new DeviceDisconnected(UUID.randomUUID(), clock.instant(), DeviceDisconnected.VERSION, user,
                device, handlerId, connectionId));
    }

    private Mono<Void> publish(PresenceEvent event) {
        return Mono.fromFuture(() -> events.publish(event, PublishPolicy.BEST_EFFORT))
            .subscribeOn(Schedulers.boundedElastic())
            .doOnSuccess(done -> log.debug("Publication of {} for user {} device {} connection {} finished",
                    event.getClass().getSimpleName(), event.user(), event.device(), event.connectionId()));
    }

}
