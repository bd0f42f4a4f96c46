package com.acme.chat.relay.device;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeviceConnected;
import com.acme.chat.common.event.DeviceDisconnected;
import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatEventReader;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * Consumes {@link Topics#PRESENCE} (group {@code chat.relay.kafka-group}; topic and group
 * in the deployment's namespace).
 * <p>
 * On {@link DeviceConnected}: drops the user's cached routes. A handler that replays the
 * device's queue itself ({@link DeviceConnected#replayedByHandler()}, every current one:
 * it calls {@link ReplayController} right after the route is registered) needs nothing
 * more. For the event of an older handler, relay does what it did before: registers the
 * device, moves the user's pending messages (queued under {@code *} while the user had no
 * known device) into this device's queue, then publishes every queued message of the
 * device, oldest first per conversation, to {@code handler:{handlerId}} for the event's
 * connection. On {@link DeviceDisconnected}: records the device's last-seen time and
 * drops the cached routes.
 * <p>
 * <b>Guarantees.</b> At least once: the offset is committed only after the event was
 * handled, and a failure is retried in place (service-kit's {@code DeadLetters}), so a
 * replay may run twice and clients deduplicate by messageId. Records are keyed by user,
 * so one user's connects and disconnects are handled in order, one at a time.
 */
@Component
class PresenceHandler {

    private static final Logger log = LoggerFactory.getLogger(PresenceHandler.class);

    private final ChatEventReader reader;

    private final DeviceRegistry devices;

    private final QueueReplayer replayer;

    private final RouteDirectory routes;

    PresenceHandler(ChatEventReader reader, DeviceRegistry devices, QueueReplayer replayer, RouteDirectory routes) {
        this.reader = reader;
        this.devices = devices;
        this.replayer = replayer;
        this.routes = routes;
    }

    @KafkaListener(id = "relay-presence",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}')}",
            topics = "#{@chatNamespace.topic('" + Topics.PRESENCE + "')}",
            concurrency = "${chat.relay.background-listener-concurrency:2}")
    void onPresence(ConsumerRecord<String, String> record) {
        ChatEvent event = reader.read(record);
        if (event instanceof DeviceConnected connected) {
            routes.evict(connected.user());
            if (!connected.replayedByHandler()) {
                replayForOlderHandler(connected);
            }
        }
        else if (event instanceof DeviceDisconnected disconnected) {
            routes.evict(disconnected.user());
            devices.disconnected(disconnected.user(), disconnected.device(), disconnected.occurredAt());
        }
    }

    private void replayForOlderHandler(DeviceConnected event) {
        boolean isNew = devices.register(event.user(), event.device(), event.occurredAt());
        // Every connect (not only a new device's first one) drains the pending queue: a
        // message can land there just after the first device claimed it, and the next
        // device to connect should get it rather than nobody.
        int claimed = UnsentQueueRepository.UNASSIGNED.equals(event.device()) ? 0
                : replayer.claimPending(event.user(), event.device());
        int replayed = replayer.replay(event.user(), event.device(), event.handlerId(), event.connectionId());
        log.debug("Device {} of user {} connected on {} (new: {}): claimed {}, replayed {}", event.device(),
                event.user(), event.handlerId(), isNew, claimed, replayed);
    }

}
