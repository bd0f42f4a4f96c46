package com.acme.chat.wsmanager.session;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
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
            new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"), "t", null), "c-1", 3);

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
    void closesOnceAndRefusesFramesAfterwards() {
        given(session.close(any())).willReturn(Mono.empty());

        assertThat(connection.close(CloseStatus.SERVER_ERROR)).isTrue();
        assertThat(connection.close(CloseStatus.NORMAL)).isFalse();

        then(session).should(times(1)).close(any());
        assertThat(connection.offer("x", false)).isEqualTo(Connection.Offer.CLOSED);
    }

}
