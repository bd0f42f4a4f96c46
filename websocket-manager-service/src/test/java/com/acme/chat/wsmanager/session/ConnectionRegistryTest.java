package com.acme.chat.wsmanager.session;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.CloseCodes;
import com.acme.chat.common.protocol.Hello;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.wsmanager.downstream.PushedMessage;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class ConnectionRegistryTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final DeviceId PHONE = DeviceId.of("phone-1");

    private static final MessageFrame MESSAGE = new MessageFrame(MessageId.of("m-1"), ConversationId.of("d:alice:bob"),
            1, UserId.of("bob"), null, null, "hi", List.of(), Instant.parse("2026-11-27T21:07:41Z"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final ConnectionRegistry registry = new ConnectionRegistry(JsonMapper.builder().build(), meters);

    private final WebSocketSession session = mock(WebSocketSession.class);

    private Connection connection;

    @BeforeEach
    void open() {
        given(session.close(any())).willReturn(Mono.empty());
        connection = new Connection(session, new ConnectionPrincipal(ALICE, PHONE, "t", null, null), "c-1", 2);
        registry.put(connection);
        registry.greet(connection, Hello.withDefaultLimits("c-1", ALICE, PHONE));
        registry.replayDone(connection);
    }

    /** A connection with room for 10 frames, greeted, still replaying its queue. */
    private Connection greeted(UserId user, DeviceId device, String connectionId) {
        Connection greeted = new Connection(session, new ConnectionPrincipal(user, device, "t", null, null),
                connectionId, 10);
        registry.put(greeted);
        registry.greet(greeted, Hello.withDefaultLimits(connectionId, user, device));
        return greeted;
    }

    private static MessageFrame message(String id, long seq) {
        return new MessageFrame(MessageId.of(id), ConversationId.of("d:alice:bob"), seq, UserId.of("bob"), null, null,
                "text " + seq, List.of(), Instant.parse("2026-11-27T21:07:41Z"));
    }

    @Test
    void livePushesWaitForTheReplayAndFollowItOnceInOrder() {
        Connection fresh = new Connection(session,
                new ConnectionPrincipal(ALICE, DeviceId.of("tablet"), "t", null, null), "c-9", 10);
        registry.put(fresh);
        registry.greet(fresh, Hello.withDefaultLimits("c-9", ALICE, DeviceId.of("tablet")));
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        fresh.outbound().subscribe(written::add);

        // seq 3 is pushed live while the replay, which will carry seqs 1 to 3, is
        // running.
        assertThat(registry.push(fresh, message("m-3", 3))).isTrue();
        assertThat(registry.push(fresh, message("m-4", 4))).isTrue();
        assertThat(written).hasSize(1);
        registry.replayed(fresh, message("m-1", 1));
        registry.replayed(fresh, message("m-2", 2));
        registry.replayed(fresh, message("m-3", 3));
        registry.replayDone(fresh);
        // A late live push of a replayed message.
        assertThat(registry.push(fresh, message("m-2", 2))).isTrue();
        registry.push(fresh, message("m-5", 5));

        assertThat(written.stream().skip(1).map(frame -> frame.replaceAll(".*\"seq\":(\\d+).*", "$1")))
            .containsExactly("1", "2", "3", "4", "5");
        assertThat(meters.get("chat.wsmanager.pushes.duplicate").counter().count()).isEqualTo(2);
        // Replayed and live messages alike: their acks can name the queue keys.
        assertThat(fresh.find(MessageId.of("m-1"))).isEqualTo(PushedMessage.of(message("m-1", 1)));
        assertThat(fresh.find(MessageId.of("m-4"))).isEqualTo(PushedMessage.of(message("m-4", 4)));
    }

    @Test
    void deliversToTheDevicesConnectionAndCountsIt() {
        assertThat(registry.deliver(new HandlerMessage.Deliver(ALICE, PHONE, null, MESSAGE))).isTrue();
        assertThat(meters.get("chat.wsmanager.frames.sent").tag("type", "message").counter().count()).isEqualTo(1);
        assertThat(meters.get("chat.wsmanager.connections.active").gauge().value()).isEqualTo(1);
    }

    @Test
    void dropsDeliveriesForOtherConnectionsOrDevices() {
        assertThat(registry.deliver(new HandlerMessage.Deliver(ALICE, PHONE, "c-old", MESSAGE))).isFalse();
        assertThat(registry.deliver(new HandlerMessage.Deliver(ALICE, DeviceId.of("laptop"), null, MESSAGE))).isFalse();
    }

    @Test
    void deliverManyPushesToEachTargetConnectedHereLikeADeliverOfItsOwn() {
        UserId bob = UserId.of("bob");
        Connection bobs = greeted(bob, PHONE, "c-2");
        registry.replayDone(bobs);
        List<String> toAlice = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> toBob = new java.util.concurrent.CopyOnWriteArrayList<>();
        connection.outbound().subscribe(toAlice::add);
        bobs.outbound().subscribe(toBob::add);

        int pushed = registry.deliverMany(new HandlerMessage.DeliverMany(
                List.of(new HandlerMessage.Target(ALICE, PHONE, "c-1"), new HandlerMessage.Target(bob, PHONE, null),
                        // Not here, or not this connection: dropped as a Deliver would
                        // be.
                        new HandlerMessage.Target(ALICE, DeviceId.of("laptop"), null),
                        new HandlerMessage.Target(bob, PHONE, "c-old")),
                MESSAGE));

        assertThat(pushed).isEqualTo(2);
        assertThat(toAlice).last().asString().contains("\"messageId\":\"m-1\"");
        assertThat(toBob).last().asString().isEqualTo(toAlice.get(toAlice.size() - 1));
        assertThat(meters.get("chat.wsmanager.frames.sent").tag("type", "message").counter().count()).isEqualTo(2);
    }

    @Test
    void deliverManyIsHeldBackWhileATargetReplaysItsQueue() {
        DeviceId tablet = DeviceId.of("tablet");
        Connection fresh = greeted(ALICE, tablet, "c-9");
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        fresh.outbound().subscribe(written::add);

        assertThat(registry.deliverMany(new HandlerMessage.DeliverMany(
                List.of(new HandlerMessage.Target(ALICE, tablet, "c-9")), message("m-2", 2))))
            .isEqualTo(1);
        assertThat(written).hasSize(1);
        registry.replayed(fresh, message("m-1", 1));
        registry.replayed(fresh, message("m-2", 2));
        registry.replayDone(fresh);

        assertThat(written.stream().skip(1).map(frame -> frame.replaceAll(".*\"seq\":(\\d+).*", "$1")))
            .containsExactly("1", "2");
        assertThat(meters.get("chat.wsmanager.pushes.duplicate").counter().count()).isEqualTo(1);
    }

    @Test
    void closesASlowClientWith1013InsteadOfDroppingFrames() {
        // The limit is 2 and hello still waits for the socket: one more fits, the next
        // one overflows.
        assertThat(registry.deliver(new HandlerMessage.Deliver(ALICE, PHONE, null, MESSAGE))).isTrue();
        assertThat(registry.deliver(new HandlerMessage.Deliver(ALICE, PHONE, null, MESSAGE))).isFalse();

        // The close frame goes out once the outbound stream has stopped.
        connection.closeFrame().block();
        then(session).should().close(new CloseStatus(CloseCodes.TRY_AGAIN_LATER, "client too slow"));
        assertThat(meters.get("chat.wsmanager.connections.closed").tag("reason", "slow_consumer").counter().count())
            .isEqualTo(1);
    }

    @Test
    void aRemovedDeviceIsClosedWith4005() {
        assertThat(registry.evict(new HandlerMessage.Evict(ALICE, PHONE, "c-1", HandlerMessage.Evict.REMOVED)))
            .isTrue();

        connection.closeFrame().block();
        then(session).should().close(new CloseStatus(CloseCodes.DEVICE_REMOVED, "device_removed"));
        assertThat(meters.get("chat.wsmanager.connections.closed").tag("reason", "device_removed").counter().count())
            .isEqualTo(1);
    }

    @Test
    void evictsOnlyTheNamedConnection() {
        assertThat(registry.evict(new HandlerMessage.Evict(ALICE, PHONE, "c-other"))).isFalse();
        then(session).should(never()).close(any());

        assertThat(registry.evict(new HandlerMessage.Evict(ALICE, PHONE, "c-1"))).isTrue();
        connection.closeFrame().block();
        then(session).should()
            .close(new CloseStatus(CloseCodes.REPLACED_BY_NEW_CONNECTION, "replaced by new connection"));
        assertThat(meters.get("chat.wsmanager.connections.evicted").counter().count()).isEqualTo(1);
    }

    @Test
    void aReplacedConnectionDoesNotRemoveItsSuccessor() {
        Connection newer = new Connection(session, new ConnectionPrincipal(ALICE, PHONE, "t", null, null), "c-2", 2);

        assertThat(registry.put(newer)).isSameAs(connection);
        registry.remove(connection);

        assertThat(registry.get(newer.routeKey())).isSameAs(newer);
    }

}
