package com.acme.chat.wsmanager.ack;

import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.kafka.PublishPolicy;

/**
 * Publishes one {@link DeliveryAcked} per {@code ack_delivery} frame to
 * {@code chat.acks.v1}, keyed by user id so one user's acks reach relay in the order they
 * were published, through service-kit's {@link ChatEventPublisher}.
 * <p>
 * <b>Durable before answered</b> ({@link PublishPolicy#AWAIT}): the frame's {@code ack}
 * tells the client it may forget the messages, so it may only be sent once the broker
 * holds the event; otherwise a lost event would leave them queued and replayed on every
 * connect. A publication the broker does not acknowledge within
 * {@code chat.kafka.publish-timeout} fails with a retryable {@code service_unavailable}
 * (the producer may still deliver it later: relay applies an ack twice without harm, so
 * the client's retry is safe). Relay applies the event moments later, so a reconnect
 * right after the answer may still replay a just-acknowledged message.
 * <p>
 * <b>Threading.</b> The producer blocks for up to its {@code max.block.ms} while the
 * topic's metadata is unknown (a broker is away), so the send is started off the Netty
 * event loop, as {@code PresencePublisher} does.
 */
@Component
public class AckPublisher {

    private static final Logger log = LoggerFactory.getLogger(AckPublisher.class);

    private final ChatEventPublisher events;

    AckPublisher(ChatEventPublisher events) {
        this.events = events;
    }

    /**
     * @param acked the ack, built from the authenticated connection
     * @return completes when Kafka acknowledged the event; fails with the
     * {@link com.acme.chat.kit.web.ChatException} ({@code service_unavailable}) of
     * {@link ChatEventPublisher} when it did not
     */
    public Mono<Void> publish(DeliveryAcked acked) {
        return Mono.fromFuture(() -> events.publish(acked, PublishPolicy.AWAIT))
            .subscribeOn(Schedulers.boundedElastic())
            // The cause is what the caller answers with; CompletionException is its
            // wrapper.
            .onErrorMap(CompletionException.class, ex -> (ex.getCause() != null) ? ex.getCause() : ex)
            .doOnSuccess(done -> log.debug("Ack of {} messages of user {} device {} published",
                    acked.messageIds().size(), acked.user(), acked.device()));
    }

}
