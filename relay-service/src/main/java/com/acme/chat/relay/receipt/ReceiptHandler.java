package com.acme.chat.relay.receipt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.kit.kafka.ChatEventReader;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.PushOutageLog;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * Consumes {@link ReceiptRecorded} from {@link Topics#RECEIPTS} (group
 * {@code <chat.relay.kafka-group>-receipts}; topic and group in the deployment's
 * namespace) and pushes a {@code receipt} frame to every connected device of the other
 * participant of a direct conversation. Group conversations are skipped for now (their
 * members come from group-service).
 * <p>
 * <b>Guarantees.</b> Best-effort: receipts are not queued, a device that is offline (or
 * whose push is lost) reads the watermarks over REST after connecting, and a failure to
 * push is logged and the record committed anyway. Records are keyed by conversation, so
 * one conversation's receipts are pushed in order. Idempotent by nature: receipts are
 * cumulative, so a repeated one is harmless.
 */
@Component
class ReceiptHandler {

    private static final Logger log = LoggerFactory.getLogger(ReceiptHandler.class);

    private final ChatEventReader reader;

    private final RouteDirectory routes;

    private final HandlerChannelPublisher publisher;

    private final Counter pushed;

    private final Counter failed;

    private final PushOutageLog outage = new PushOutageLog(log);

    ReceiptHandler(ChatEventReader reader, RouteDirectory routes, HandlerChannelPublisher publisher,
            MeterRegistry meters) {
        this.reader = reader;
        this.routes = routes;
        this.publisher = publisher;
        this.pushed = Counter.builder("chat.relay.receipts.pushed").register(meters);
        this.failed = Counter.builder("chat.relay.pushes.failed").tag("path", "receipt").register(meters);
    }

    @KafkaListener(id = "relay-receipts",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}-receipts')}",
            topics = "#{@chatNamespace.topic('" + Topics.RECEIPTS + "')}",
            concurrency = "${chat.relay.background-listener-concurrency:2}")
    void onReceipt(ConsumerRecord<String, String> record) {
        if (!(reader.read(record) instanceof ReceiptRecorded receipt)) {
            return;
        }
        if (!receipt.conversationId().isDirect()) {
            log.debug("Not forwarding receipt of group conversation {} (not supported yet)", receipt.conversationId());
            return;
        }
        ReceiptFrame frame = receipt.toFrame();
        receipt.conversationId()
            .directParticipants()
            .stream()
            .distinct()
            .filter(participant -> !participant.equals(receipt.user()))
            .forEach(participant -> push(participant, frame));
    }

    private void push(UserId participant, ReceiptFrame frame) {
        try {
            for (Route route : routes.routes(participant)) {
                publisher.deliver(route, frame);
                pushed.increment();
                outage.succeeded();
            }
        }
        catch (RuntimeException ex) {
            failed.increment();
            outage.failed("receipt in " + frame.conversationId() + " to " + participant, ex);
        }
    }

}
