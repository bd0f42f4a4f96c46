package com.acme.chat.relay.receipt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.chat.common.event.GroupReceiptsCounted;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptFrame;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.OutageLog;
import com.acme.chat.relay.routing.RouteDirectory;

/**
 * Pushes a {@code receipt} frame to every connected device of the other participant of a
 * direct conversation, and a {@code group_receipts} frame (messaging's coalesced counts)
 * to the connected devices of a group message's sender. A member's own receipt in a group
 * is never pushed to the other members: that would be one frame per member per message
 * (docs/adr/0029). Best-effort: receipts are not queued; a device that is offline (or
 * whose push is lost) reads the watermarks over REST after connecting. Routes come from
 * the short-lived route cache.
 */
@Component
public class ReceiptPusher {

    private static final Logger log = LoggerFactory.getLogger(ReceiptPusher.class);

    private final RouteDirectory routes;

    private final HandlerChannelPublisher publisher;

    private final Counter pushed;

    private final Counter failed;

    private final OutageLog outage = OutageLog.livePushes(log);

    ReceiptPusher(RouteDirectory routes, HandlerChannelPublisher publisher, MeterRegistry meters) {
        this.routes = routes;
        this.publisher = publisher;
        this.pushed = Counter.builder("chat.relay.receipts.pushed").register(meters);
        this.failed = Counter.builder("chat.relay.pushes.failed").tag("path", "receipt").register(meters);
    }

    /**
     * @param receipt the receipt; never throws
     */
    public void push(ReceiptRecorded receipt) {
        if (!receipt.conversationId().isDirect()) {
            // A group's receipts reach its senders counted (GroupReceiptsCounted), not
            // raw.
            return;
        }
        ReceiptFrame frame = receipt.toFrame();
        receipt.conversationId()
            .directParticipants()
            .stream()
            .distinct()
            .filter(participant -> !participant.equals(receipt.user()))
            .forEach(participant -> push(participant, frame, frame.conversationId()));
    }

    /**
     * @param counted a group sender's counts; never throws
     */
    public void push(GroupReceiptsCounted counted) {
        push(counted.sender(), counted.toFrame(), counted.conversationId());
    }

    private void push(UserId participant, ServerFrame frame, ConversationId conversation) {
        try {
            for (Route route : routes.routes(participant)) {
                publisher.deliver(route, frame);
                pushed.increment();
                outage.succeeded();
            }
        }
        catch (RuntimeException ex) {
            failed.increment();
            outage.failed("receipt in " + conversation + " to " + participant, ex);
        }
    }

}
