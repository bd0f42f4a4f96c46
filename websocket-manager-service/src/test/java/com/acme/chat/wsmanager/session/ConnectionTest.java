package com.acme.chat.wsmanager.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.wsmanager.downstream.PushedMessage;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class ConnectionTest {

    private final WebSocketSession session = mock(WebSocketSession.class);

    private final Connection connection = new Connection(session,
            new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"), "t", null, null), "c-1", 3);

    private Connection connection(OutboundBudget budget) {
        return new Connection(session,
                new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"), "t", null, null), "c-b", 1024,
                budget);
    }

    private static PushedMessage pushed(String messageId) {
        return new PushedMessage(MessageId.of(messageId), ConversationId.direct(UserId.of("alice"), UserId.of("bob")),
                1, Instant.EPOCH);
    }

    @Test
    void acksOfMessagesItDidNotPushHaveABurstAndThenARate() {
        assertThat(connection.admitLookupAck()).as("no limit set: tests and tools").isTrue();
        connection.limitLookupAcks(2, 1);

        assertThat(connection.admitLookupAck()).isTrue();
        assertThat(connection.admitLookupAck()).isTrue();
        assertThat(connection.admitLookupAck()).isFalse();
    }

    @Test
    void pushesWaitForHelloSoHelloIsAlwaysFirst() {
        assertThat(connection.offer("{\"type\":\"message\"}", true)).isEqualTo(Connection.Offer.NOT_GREETED);
        assertThat(connection.offer("{\"type\":\"pong\"}", false)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(connection.greet("{\"type\":\"hello\"}")).isEqualTo(Connection.Offer.QUEUED);
        assertThat(connection.offer("{\"type\":\"message\"}", true)).isEqualTo(Connection.Offer.QUEUED);
    }

    @Test
    void refusesFramesBeyondTheLimitUntilTheSocketTakesSome() {
        connection.greet("hello");
        assertThat(connection.offer("1", true)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(connection.offer("2", true)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(connection.offer("3", true)).isEqualTo(Connection.Offer.OVERFLOW);

        List<String> written = new ArrayList<>();
        BaseSubscriber<String> socket = new BaseSubscriber<>() {

            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // The socket asks only when it can write.
            }

            @Override
            protected void hookOnNext(String frame) {
                written.add(frame);
            }
        };
        connection.outbound().subscribe(socket);
        socket.request(2);

        assertThat(written).containsExactly("hello", "1");
        assertThat(connection.offer("3", true)).isEqualTo(Connection.Offer.QUEUED);
    }

    @Test
    void refusesFramesBeyondItsByteBoundAndGivesTheBytesBackAsTheSocketTakesThem() {
        String frame = "x".repeat(1000);
        long cost = OutboundBudget.cost(frame);
        OutboundBudget budget = new OutboundBudget(2 * cost + 200, 100 * cost);
        Connection bounded = connection(budget);
        bounded.greet("h");
        assertThat(bounded.offer(frame, true)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(bounded.offer(frame, true)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(bounded.offer(frame, true)).isEqualTo(Connection.Offer.OVERFLOW);
        assertThat(bounded.offer("small", true)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(bounded.waitingBytes())
            .isEqualTo(2 * cost + OutboundBudget.cost("h") + OutboundBudget.cost("small"));
        assertThat(budget.used()).isEqualTo(bounded.waitingBytes());

        List<String> written = new ArrayList<>();
        bounded.outbound().subscribe(written::add);

        assertThat(written).hasSize(4);
        assertThat(bounded.waitingBytes()).isZero();
        assertThat(budget.used()).isZero();
        assertThat(bounded.offer(frame, true)).isEqualTo(Connection.Offer.QUEUED);
    }

    @Test
    void pushesHeldBackDuringTheReplayCountAndReplayPagesMayPassTheBound() {
        String frame = "y".repeat(1000);
        long cost = OutboundBudget.cost(frame);
        OutboundBudget budget = new OutboundBudget(2 * cost, 100 * cost);
        Connection replaying = connection(budget);
        replaying.greet("h");
        // A replayed page is paced by the replay, not refused: refusing it would close
        // the
        // connection and start the replay over on reconnect.
        assertThat(replaying.offerReplayed(frame, pushed("m-1"))).isEqualTo(Connection.Offer.QUEUED);
        assertThat(replaying.offerReplayed(frame, pushed("m-2"))).isEqualTo(Connection.Offer.QUEUED);
        assertThat(replaying.offerReplayed(frame, pushed("m-3"))).isEqualTo(Connection.Offer.QUEUED);
        // Live pushes meanwhile have a bound of their own, whatever the replay holds.
        assertThat(replaying.offerPush(frame, null, "message")).isEqualTo(Connection.Offer.HELD);
        assertThat(replaying.offerPush(frame, null, "message")).isEqualTo(Connection.Offer.HELD);
        assertThat(replaying.offerPush(frame, null, "message")).isEqualTo(Connection.Offer.OVERFLOW);
        // And the answers to the client's frames are never refused for bytes.
        String ack = "{\"type\":\"ack\"}";
        assertThat(replaying.offer(ack, false)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(replaying.waitingBytes()).isEqualTo(OutboundBudget.cost("h") + 5 * cost + OutboundBudget.cost(ack));

        assertThat(replaying.replayDone(type -> {
        }, () -> {
        })).isEqualTo(Connection.Offer.QUEUED);
        assertThat(replaying.waiting()).isEqualTo(7);
        assertThat(budget.used()).isEqualTo(replaying.waitingBytes());
    }

    @Test
    void aConnectionThatEndsGivesBackWhatItHeld() {
        OutboundBudget budget = new OutboundBudget(10_000, 100_000);
        Connection ending = connection(budget);
        ending.greet("hello");
        ending.offer("a frame never written", true);
        assertThat(budget.used()).isPositive();

        ending.release();
        ending.release();

        assertThat(budget.used()).isZero();
        assertThat(ending.waitingBytes()).isZero();
    }

    @Test
    void pastTheInstanceBoundOnlyConnectionsAboveTheirFairShareAreRefused() {
        String frame = "z".repeat(1000);
        long cost = OutboundBudget.cost(frame);
        // Per connection 16 frames, so a fair share of 2; the instance holds 20.
        OutboundBudget budget = new OutboundBudget(16 * cost, 20 * cost);
        Connection hog = connection(budget);
        hog.greet("h");
        while (hog.offer(frame, true) == Connection.Offer.QUEUED) {
            assertThat(hog.waitingBytes()).isLessThanOrEqualTo(16 * cost);
        }
        Connection second = connection(budget);
        second.greet("h");
        while (second.offer(frame, true) == Connection.Offer.QUEUED) {
            assertThat(second.waitingBytes()).isLessThanOrEqualTo(16 * cost);
        }
        assertThat(budget.used()).isGreaterThan(20 * cost - cost);
        assertThat(second.waitingBytes()).isLessThan(16 * cost);

        // A connection holding little is still served past the instance bound.
        Connection quiet = connection(budget);
        quiet.greet("h");
        assertThat(quiet.offer(frame, true)).isEqualTo(Connection.Offer.QUEUED);
        assertThat(quiet.offer(frame, true)).isEqualTo(Connection.Offer.OVERFLOW);
        assertThat(budget.used()).isLessThanOrEqualTo(20 * cost + 2 * cost);
    }

    @Test
    void closesOnceAndRefusesFramesAfterwards() {
        given(session.close(any())).willReturn(Mono.empty());

        assertThat(connection.close(CloseStatus.SERVER_ERROR)).isTrue();
        assertThat(connection.close(CloseStatus.NORMAL)).isFalse();
        connection.closeFrame().block();

        then(session).should(times(1)).close(CloseStatus.SERVER_ERROR);
        assertThat(connection.offer("x", false)).isEqualTo(Connection.Offer.CLOSED);
    }

    @Test
    void closingEndsTheOutboundStreamSoNothingFollowsTheCloseFrame() {
        connection.greet("hello");
        connection.offer("waiting", true);
        List<String> written = new ArrayList<>();
        BaseSubscriber<String> socket = new BaseSubscriber<>() {

            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            protected void hookOnNext(String frame) {
                written.add(frame);
            }
        };
        connection.outbound().subscribe(socket);

        connection.close(CloseStatus.NORMAL);
        socket.request(10);

        assertThat(written).containsExactly("hello");
        assertThat(socket.isDisposed()).as("outbound ended").isTrue();
    }

}
