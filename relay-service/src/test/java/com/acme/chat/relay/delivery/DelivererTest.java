package com.acme.chat.relay.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.UndeliveredFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.notification.PushNotificationPublisher;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.RouteDirectory;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

class DelivererTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId LAPTOP = DeviceId.of("laptop");

    private final DeviceRegistry devices = mock(DeviceRegistry.class);

    private final RouteDirectory routes = mock(RouteDirectory.class);

    private final UnsentQueueRepository queue = mock(UnsentQueueRepository.class);

    private final HandlerChannelPublisher publisher = mock(HandlerChannelPublisher.class);

    private final PushNotificationPublisher notifications = mock(PushNotificationPublisher.class);

    private final QueueLimit limit = admittingEverything();

    private final Deliverer deliverer = new Deliverer(devices, routes, queue, publisher, notifications, limit,
            new SimpleMeterRegistry());

    private static QueueLimit admittingEverything() {
        QueueLimit limit = mock(QueueLimit.class);
        given(limit.admit(any(), any(), any()))
            .willAnswer(call -> new QueueLimit.Admission(call.getArgument(1), Set.of(), false));
        return limit;
    }

    private static DeliveryRequested delivery(UserId recipient, UserId sender) {
        return new DeliveryRequested(UUID.randomUUID(), Instant.now(), 1, recipient, MessageId.of("m-1"),
                ConversationId.direct(recipient, sender), 1, sender, PHONE, null, "hi", List.of(), Instant.now(),
                ClientMessageId.of("c-1"));
    }

    @Test
    void pushesTheResyncMarkerToAFullDeviceAndTellsTheSenderOnce() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        Route bobsPhone = new Route(BOB, PHONE, "h1", "c1");
        Route bobsLaptop = new Route(BOB, LAPTOP, "h1", "c2");
        Route alicesPhone = new Route(ALICE, PHONE, "h2", "c3");
        given(devices.devices(BOB)).willReturn(Set.of(PHONE, LAPTOP));
        given(limit.admit(any(), any(), any()))
            .willReturn(new QueueLimit.Admission(List.of(PHONE), Set.of(LAPTOP), true));
        given(routes.current(BOB)).willReturn(List.of(bobsLaptop, bobsPhone));
        given(routes.routes(ALICE)).willReturn(List.of(alicesPhone));

        deliverer.deliver(delivery);

        then(queue).should().enqueue(BOB, List.of(PHONE), QueuedMessage.of(delivery));
        then(publisher).should().deliver(bobsPhone, delivery.toFrame());
        then(publisher).should()
            .deliver(bobsLaptop, new ResyncFrame(delivery.conversationId(), delivery.seq(), delivery.messageId()));
        then(publisher).should()
            .deliver(alicesPhone, new UndeliveredFrame(delivery.conversationId(), BOB, delivery.messageId(),
                    delivery.seq(), UndeliveredFrame.QUEUE_FULL));
    }

    @Test
    void aRaisedMarkerDoesNotTellTheSenderAgain() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        given(devices.devices(BOB)).willReturn(Set.of(LAPTOP));
        given(limit.admit(any(), any(), any())).willReturn(new QueueLimit.Admission(List.of(), Set.of(LAPTOP), false));
        given(routes.current(BOB)).willReturn(List.of());

        deliverer.deliver(delivery);

        then(queue).shouldHaveNoInteractions();
        then(routes).should(org.mockito.Mockito.never()).routes(ALICE);
        then(publisher).shouldHaveNoInteractions();
    }

    @Test
    void queuesBeforePushingToRoutedTargets() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        Route route = new Route(BOB, PHONE, "h1", "c1");
        given(devices.devices(BOB)).willReturn(Set.of(PHONE, LAPTOP));
        given(routes.current(BOB)).willReturn(List.of(route));

        deliverer.deliver(delivery);

        var order = inOrder(queue, publisher);
        order.verify(queue).enqueue(BOB, List.of(LAPTOP, PHONE), QueuedMessage.of(delivery));
        order.verify(publisher).deliver(route, delivery.toFrame());
        then(notifications).shouldHaveNoInteractions();
    }

    @Test
    void aRoutedDeviceTheCachedListLacksGetsItsRowBeforeThePush() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        DeviceId tablet = DeviceId.of("tablet");
        Route route = new Route(BOB, tablet, "h1", "c1");
        given(devices.devices(BOB)).willReturn(Set.of(PHONE));
        given(routes.current(BOB)).willReturn(List.of(route));

        deliverer.deliver(delivery);

        var order = inOrder(queue, routes, publisher);
        order.verify(queue).enqueue(BOB, List.of(PHONE), QueuedMessage.of(delivery));
        order.verify(routes).current(BOB);
        order.verify(queue).enqueue(BOB, List.of(tablet), QueuedMessage.of(delivery));
        order.verify(publisher).deliver(route, delivery.toFrame());
    }

    @Test
    void requestsAPushNotificationWhenNoDeviceIsConnected() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        given(devices.devices(BOB)).willReturn(Set.of(PHONE));
        given(routes.current(BOB)).willReturn(List.of());

        deliverer.deliver(delivery);

        then(queue).should().enqueue(BOB, List.of(PHONE), QueuedMessage.of(delivery));
        then(notifications).should().requestFor(delivery);
        then(publisher).shouldHaveNoInteractions();
    }

    @Test
    void neverNotifiesTheSenderAboutTheirOwnMessage() {
        DeliveryRequested ownCopy = delivery(ALICE, ALICE);
        given(devices.devices(ALICE)).willReturn(Set.of(PHONE, LAPTOP));
        given(routes.current(ALICE)).willReturn(List.of());

        deliverer.deliver(ownCopy);

        then(queue).should().enqueue(ALICE, List.of(LAPTOP), QueuedMessage.of(ownCopy));
        then(notifications).shouldHaveNoInteractions();
    }

    @Test
    void stillQueuesWhenRedisIsAway() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        given(devices.devices(BOB)).willReturn(Set.of(PHONE));
        given(routes.current(BOB)).willThrow(new RedisConnectionFailureException("down"));

        assertThatNoException().isThrownBy(() -> deliverer.deliver(delivery));

        then(queue).should().enqueue(BOB, List.of(PHONE), QueuedMessage.of(delivery));
        then(publisher).shouldHaveNoInteractions();
        then(notifications).shouldHaveNoInteractions();
    }

    @Test
    void failsWhenTheMessageCannotBeQueued() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        given(devices.devices(BOB)).willReturn(Set.of(PHONE));
        given(routes.current(BOB)).willReturn(List.of(new Route(BOB, PHONE, "h1", "c1")));
        willThrow(new IllegalStateException("cassandra away")).given(queue).enqueue(any(), any(), any());

        assertThatIllegalStateException().isThrownBy(() -> deliverer.deliver(delivery));

        then(publisher).shouldHaveNoInteractions();
    }

}
