package com.acme.chat.wsmanager.presence;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.DeviceConnected;
import com.acme.chat.common.event.DeviceDisconnected;
import com.acme.chat.common.event.PresenceEvent;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;

/**
 * Publishes {@link DeviceConnected} and {@link DeviceDisconnected} to
 * {@code chat.presence.v1}, keyed by user id so one user's events stay in order. The
 * value is the event's JSON with its {@code type}.
 * <p>
 * The Kafka producer may block while it fetches metadata (a broker is down), so the send
 * is started off the Netty event loop. A failed publish is logged and not retried: a
 * missed {@code device_connected} only delays the replay of the device's queue to its
 * next connect, and consumers treat presence as expiring state anyway.
 */
@Component
public class PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    private final KafkaTemplate<String, String> kafka;

    private final JsonMapper json;

    private final Clock clock = Clock.systemUTC();

    PresencePublisher(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    /**
     * @return completes when Kafka acknowledged the event, or when the failure was logged
     */
    public Mono<Void> connected(UserId user, DeviceId device, String handlerId, String connectionId) {
        return publish(new DeviceConnected(UUID.randomUUID(), clock.instant(), DeviceConnected.VERSION, user, device,
                handlerId, connectionId));
    }

    /**
     * @return completes when Kafka acknowledged the event, or when the failure was logged
     */
    public Mono<Void> disconnected(UserId user, DeviceId device, String handlerId, String connectionId) {
        return publish(new DeviceDisconnected(UUID.randomUUID(), clock.instant(), DeviceDisconnected.VERSION, user,
                device, handlerId, connectionId));
    }

    private Mono<Void> publish(PresenceEvent event) {
        String value = json.writerFor(PresenceEvent.class).writeValueAsString(event);
        return Mono.fromFuture(() -> kafka.send(event.topic(), event.partitionKey(), value))
            .subscribeOn(Schedulers.boundedElastic())
            .doOnNext(result -> log.debug("Published {} for user {} device {} connection {}",
                    event.getClass().getSimpleName(), event.user(), event.device(), event.connectionId()))
            .onErrorResume(ex -> {
                log.warn("Could not publish {} for user {} device {}: {}", event.getClass().getSimpleName(),
                        event.user(), event.device(), ex.toString());
                return Mono.empty();
            })
            .then();
    }

}
