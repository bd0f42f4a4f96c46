package com.acme.chat.relay.receipt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.RouteDirectory;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class ReceiptPusherTest {

    private final RouteDirectory routes = mock(RouteDirectory.class);

    private final HandlerChannelPublisher publisher = mock(HandlerChannelPublisher.class);

    private final ReceiptPusher pusher = new ReceiptPusher(routes, publisher, new SimpleMeterRegistry());

    @Test
    void neverPushesAMembersRawReceiptOfAGroupToTheOtherMembers() {
        ConversationId group = ConversationId.group(GroupId.of("grp-1"));
        for (ReceiptKind kind : ReceiptKind.values()) {
            pusher.push(new ReceiptRecorded(UUID.randomUUID(), Instant.now(), ReceiptRecorded.VERSION, group,
                    UserId.of("bob"), kind, 3));
        }

        then(routes).shouldHaveNoInteractions();
        then(publisher).shouldHaveNoInteractions();
    }

    @Test
    void pushesADirectReceiptToTheOtherParticipant() {
        UserId alice = UserId.of("alice");
        Route route = new Route(alice, DeviceId.of("phone"), "handler-1", "conn-1");
        given(routes.routes(alice)).willReturn(List.of(route));
        ReceiptRecorded read = new ReceiptRecorded(UUID.randomUUID(), Instant.now(), ReceiptRecorded.VERSION,
                ConversationId.of("d:alice:bob"), UserId.of("bob"), ReceiptKind.READ, 3);

        pusher.push(read);

        then(publisher).should().deliver(route, read.toFrame());
        then(publisher).should(times(1)).deliver(any(Route.class), any());
    }

}
