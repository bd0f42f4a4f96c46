package com.acme.chat.wsmanager.frame;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.protocol.Ack;
import com.acme.chat.common.protocol.AckDelivery;
import com.acme.chat.common.protocol.ClientFrame;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.MarkRead;
import com.acme.chat.common.protocol.Ping;
import com.acme.chat.common.protocol.Pong;
import com.acme.chat.common.protocol.SendMessage;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.protocol.SubscribePresence;
import com.acme.chat.common.protocol.Typing;
import com.acme.chat.kit.admission.AdmissionGate;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.wsmanager.ack.AckPublisher;
import com.acme.chat.wsmanager.downstream.MessagingClient;
import com.acme.chat.wsmanager.downstream.PushedMessage;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

/**
 * Handles one inbound text frame of a connection and produces its single answer:
 * {@code pong} for {@code ping}, {@code ack} when the downstream service (or Kafka)
 * accepted the frame, otherwise {@code error} with the frame's id.
 * <p>
 * <b>Guarantees.</b> Every frame gets exactly one answer and the returned Mono never
 * fails; a frame answered with {@code error} had no effect downstream (except what
 * messaging documents for {@code duplicate_mismatch}). Answers come only after the
 * downstream call finished: an {@code ack} for {@code send_message} means the message is
 * durably stored, one for {@code ack_delivery} that the ack is durably on Kafka (relay
 * applies it moments later). Nothing here blocks; HTTP calls run on Reactor Netty's
 * client event loop, Kafka publications start on a bounded elastic thread. The caller
 * keeps a connection's sends in order by handling the {@linkplain Prepared#ordered()
 * ordered} frames one after another.
 * <p>
 * <b>Tracing.</b> Every frame is a trace of its own ({@link FrameObservation}); the
 * downstream calls are its child spans and an {@code error} answer names it in
 * {@code traceId}.
 */
@Component
public class FrameDispatcher {

    /** When a client over its allowance of acks of messages it was not sent may retry. */
    private static final Duration LOOKUP_ACK_RETRY = Duration.ofSeconds(1);

    private final FrameParser parser;

    private final MessagingClient messaging;

    private final AckPublisher acks;

    private final Clock clock = Clock.systemUTC();

    private final MeterRegistry meters;

    private final ObservationRegistry observations;

    private final AdmissionGate sendAdmission;

    private final Map<String, Counter> received = new ConcurrentHashMap<>();

    FrameDispatcher(JsonMapper json, Validator validator, MessagingClient messaging, AckPublisher acks,
            MeterRegistry meters, ObservationRegistry observations, AdmissionGate sendAdmission) {
        this.parser = new FrameParser(json, validator);
        this.messaging = messaging;
        this.acks = acks;
        this.meters = meters;
        this.observations = observations;
        this.sendAdmission = sendAdmission;
    }

    /**
     * Reads a frame (the one JSON pass it gets) without handling it yet.
     * @param text the frame's text
     * @return the frame, ready to be handled
     */
    public Prepared prepare(String text) {
        return new Prepared(parser.parse(text));
    }

    /**
     * A frame read and ready to be handled. {@code send_message} frames are
     * {@linkplain #ordered() ordered}: the caller handles them one after another, so a
     * connection's sends are stored in the order they were sent; every other frame may be
     * handled at once, beside them.
     */
    public final class Prepared {

        private final FrameParser.Parsed parsed;

        private Prepared(FrameParser.Parsed parsed) {
            this.parsed = parsed;
        }

        /**
         * @return whether the frame must wait for the connection's earlier ordered frames
         */
        public boolean ordered() {
            return parsed.frame() instanceof SendMessage;
        }

        /**
         * @param principal the connection it arrived on
         * @param pushed the messages pushed on that connection and not acknowledged yet
         * @return the answer frame; never fails
         */
        public Mono<ServerFrame> handle(ConnectionPrincipal principal, PushedMessages pushed) {
            FrameObservation observation = FrameObservation.start(observations);
            ClientFrame frame = parsed.frame();
            if (frame == null) {
                count("invalid");
                return observation.type("invalid").observe(Mono.just(parsed.error()));
            }
            // Deferred, so that even a handler that throws ends in an error frame and the
            // frame's observation stops.
            return observation.observe(Mono.defer(() -> frame.accept(new Handling(principal, pushed, observation)))
                .onErrorResume(failure -> Mono.just(DownstreamErrors.toErrorFrame(frame.id(), failure))));
        }

    }

    /**
     * @return the answer to a binary frame (the protocol is JSON text only)
     */
    public Mono<ServerFrame> rejectBinary() {
        return FrameObservation.start(observations)
            .type("binary")
            .observe(Mono.just(ErrorFrame.of(null, ErrorCode.BAD_REQUEST,
                    "Binary frames are not supported; send JSON text frames")));
    }

    private void count(String type) {
        received
            .computeIfAbsent(type,
                    t -> Counter.builder("chat.wsmanager.frames.received")
                        .description("Client frames received, by frame type ('invalid' when unreadable)")
                        .tag("type", t)
                        .register(meters))
            .increment();
    }

    /**
     * One frame's handling; stateless apart from the connection's principal and the
     * frame's observation.
     */
    private final class Handling implements ClientFrame.Visitor<Mono<ServerFrame>> {

        private final ConnectionPrincipal principal;

        private final FrameObservation observation;

        private final PushedMessages pushed;

        Handling(ConnectionPrincipal principal, PushedMessages pushed, FrameObservation observation) {
            this.principal = principal;
            this.pushed = pushed;
            this.observation = observation;
        }

        private void received(String type) {
            count(type);
            observation.type(type);
        }

        @Override
        public Mono<ServerFrame> onSendMessage(SendMessage frame) {
            received(SendMessage.TYPE);
            if (!sendAdmission.tryEnter()) {
                // Too many sends in flight through this handler: refused before messaging
                // sees it, so the client knows it was not stored.
                return Mono.just(ErrorFrame.of(frame.id(), ErrorCode.OVERLOADED, AdmissionGate.detail("send"))
                    .withRetryAfterMs(sendAdmission.retryAfter().toMillis()));
            }
            return messaging.send(principal, frame)
                .<ServerFrame>map(stored -> Ack.messageStored(frame.id(), stored.messageId(), stored.conversationId(),
                        stored.seq(), stored.sentAt(), stored.duplicate()))
                .doFinally(signal -> sendAdmission.exit());
        }

        /**
         * Publishes the ack to relay through Kafka and answers once the broker holds it:
         * relay takes the messages out of the queue moments later, so {@code removed}
         * counts the distinct messages taken, not those that were still queued. The
         * connection forgets their keys only then, so a retry after a failed publication
         * still names them.
         */
        @Override
        public Mono<ServerFrame> onAckDelivery(AckDelivery frame) {
            received(AckDelivery.TYPE);
            List<MessageId> ids = List.copyOf(new LinkedHashSet<>(frame.messageIds()));
            List<DeliveryAcked.Ref> refs = refs(frame.conversationId(), ids);
            if (refs == null && !pushed.admitLookupAck()) {
                return Mono.error(new ChatException(ErrorCode.RATE_LIMITED,
                        "Too many acks of messages this connection was not sent; retry later", LOOKUP_ACK_RETRY));
            }
            DeliveryAcked acked = new DeliveryAcked(UUID.randomUUID(), clock.instant(), DeliveryAcked.VERSION,
                    principal.userId(), principal.deviceId(), frame.conversationId(), ids, refs);
            return acks.publish(acked).then(Mono.fromSupplier(() -> {
                pushed.acknowledged(ids);
                return Ack.delivered(frame.id(), ids.size());
            }));
        }

        /**
         * The queue keys of the acknowledged messages when this connection pushed every
         * one of them in the acknowledged conversation; otherwise null (relay reads
         * them).
         */
        private @Nullable List<DeliveryAcked.Ref> refs(ConversationId conversationId, List<MessageId> ids) {
            List<DeliveryAcked.Ref> refs = new ArrayList<>(ids.size());
            for (MessageId id : ids) {
                PushedMessage key = pushed.find(id);
                if (key == null || !key.conversationId().equals(conversationId)) {
                    return null;
                }
                refs.add(new DeliveryAcked.Ref(key.messageId(), key.seq(), key.sentAt()));
            }
            return refs;
        }

        @Override
        public Mono<ServerFrame> onMarkRead(MarkRead frame) {
            received(MarkRead.TYPE);
            return messaging.markRead(principal, frame.conversationId(), frame.seq())
                .then(Mono.fromSupplier(() -> Ack.of(frame.id())));
        }

        @Override
        public Mono<ServerFrame> onPing(Ping frame) {
            received(Ping.TYPE);
            return Mono.just(new Pong(frame.id()));
        }

        @Override
        public Mono<ServerFrame> onTyping(Typing frame) {
            received(Typing.TYPE);
            return Mono.just(ErrorFrame.of(frame.id(), ErrorCode.BAD_REQUEST, FrameParser.RESERVED_PRESENCE));
        }

        @Override
        public Mono<ServerFrame> onSubscribePresence(SubscribePresence frame) {
            received(SubscribePresence.TYPE);
            return Mono.just(ErrorFrame.of(frame.id(), ErrorCode.BAD_REQUEST, FrameParser.RESERVED_PRESENCE));
        }

    }

}
