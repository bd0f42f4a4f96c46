package com.acme.chat.relay.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.UndeliveredFrame;
import com.acme.chat.common.routing.Route;
import com.acme.chat.relay.device.DeviceRegistry;
import com.acme.chat.relay.notification.PushNotificationPublisher;
import com.acme.chat.relay.queue.CassandraInFlight;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.queue.UnsentQueueRepository;
import com.acme.chat.relay.routing.HandlerChannelPublisher;
import com.acme.chat.relay.routing.RouteDirectory;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class DelivererTest {

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static final UserId CAROL = UserId.of("carol");

    private static final DeviceId PHONE = DeviceId.of("phone");

    private static final DeviceId LAPTOP = DeviceId.of("laptop");

    private final DeviceRegistry devices = mock(DeviceRegistry.class);

    private final RouteDirectory routes = mock(RouteDirectory.class);

    private final UnsentQueueRepository queue = mock(UnsentQueueRepository.class);

    private final CassandraInFlight inFlight = mock(CassandraInFlight.class);

    private final HandlerChannelPublisher publisher = mock(HandlerChannelPublisher.class);

    private final PushNotificationPublisher notifications = mock(PushNotificationPublisher.class);

    private final QueueLimit limit = mock(QueueLimit.class);

    private final Deliverer deliverer = new Deliverer(devices, routes, queue, inFlight, publisher, notifications, limit,
            new SimpleMeterRegistry());

    /** Known devices per user, as the registry answers. */
    private final Map<UserId, Set<DeviceId>> known = new HashMap<>();

    /** Live routes per user, as Redis answers. */
    private final Map<UserId, List<Route>> live = new HashMap<>();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void stubs() {
        given(devices.devices(anyCollection())).willAnswer(call -> answerFor(call.getArgument(0), known, Set.of()));
        given(routes.current(anyCollection())).willAnswer(call -> answerFor(call.getArgument(0), live, List.of()));
        given(inFlight.submit(any()))
            .willAnswer(call -> ((Supplier<CompletionStage<?>>) call.getArgument(0)).get().toCompletableFuture());
        given(queue.enqueueAsync(any(), any(), any())).willReturn(CompletableFuture.completedFuture(null));
        admitEverything();
    }

    private static <T> Map<UserId, T> answerFor(Collection<UserId> users, Map<UserId, T> values, T none) {
        Map<UserId, T> answer = new LinkedHashMap<>();
        users.forEach(user -> answer.put(user, values.getOrDefault(user, none)));
        return answer;
    }

    @SuppressWarnings("unchecked")
    private void admitEverything() {
        given(limit.admit(anyMap(), any())).willAnswer(call -> {
            Map<UserId, QueueLimit.Admission> admissions = new LinkedHashMap<>();
            ((Map<UserId, List<DeviceId>>) call.getArgument(0))
                .forEach((user, ofUser) -> admissions.put(user, new QueueLimit.Admission(ofUser, Set.of(), false)));
            return admissions;
        });
    }

    private static DeliveryRequested delivery(UserId recipient, UserId sender) {
        return new DeliveryRequested(UUID.randomUUID(), Instant.now(), 1, recipient, MessageId.of("m-1"),
                ConversationId.direct(recipient, sender), 1, sender, PHONE, null, "hi", List.of(), Instant.now(),
                ClientMessageId.of("c-1"));
    }

    private static MessageSent groupMessage(UserId sender, List<UserId> members) {
        GroupId group = GroupId.of("grp-1");
        return new MessageSent(UUID.randomUUID(), Instant.now(), MessageSent.VERSION, MessageId.of("m-9"),
                ConversationId.group(group), 9, sender, PHONE, group, members, "hi all", List.of(), Instant.now(),
                ClientMessageId.of("c-9"));
    }

    @Test
    void groupMessageIsOnePublishPerHandlerAndSkipsTheSendingDevice() {
        MessageSent message = groupMessage(ALICE, List.of(ALICE, BOB, CAROL));
        DeliveryRequested asDelivery = DeliveryRequested.forRecipient(message, ALICE, message.occurredAt());
        Route alicesPhone = new Route(ALICE, PHONE, "h1", "c0");
        Route alicesLaptop = new Route(ALICE, LAPTOP, "h1", "c1");
        Route bobsPhone = new Route(BOB, PHONE, "h1", "c2");
        Route carolsPhone = new Route(CAROL, PHONE, "h2", "c3");
        known.put(ALICE, Set.of(PHONE, LAPTOP));
        known.put(BOB, Set.of(PHONE));
        known.put(CAROL, Set.of(PHONE));
        live.put(ALICE, List.of(alicesLaptop, alicesPhone));
        live.put(BOB, List.of(bobsPhone));
        live.put(CAROL, List.of(carolsPhone));

        deliverer.deliverToMembers(message);

        QueuedMessage queued = QueuedMessage.of(asDelivery);
        then(queue).should().enqueueAsync(ALICE, LAPTOP, queued);
        then(queue).should(never()).enqueueAsync(ALICE, PHONE, queued);
        then(queue).should().enqueueAsync(BOB, PHONE, queued);
        then(queue).should().enqueueAsync(CAROL, PHONE, queued);
        // One publish for the two devices on h1 (the sending phone left out), one for h2.
        then(publisher).should().deliverMany("h1", List.of(alicesLaptop, bobsPhone), asDelivery.toFrame());
        then(publisher).should().deliver(carolsPhone, asDelivery.toFrame());
        then(publisher).shouldHaveNoMoreInteractions();
        then(notifications).shouldHaveNoInteractions();
        // Every member's routes in one read.
        then(routes).should().current(List.of(ALICE, BOB, CAROL));
    }

    @Test
    void notifiesOnlyMembersOtherThanTheSenderWithNoLiveRoute() {
        MessageSent message = groupMessage(ALICE, List.of(ALICE, BOB, CAROL));
        known.put(BOB, Set.of(PHONE));
        live.put(CAROL, List.of(new Route(CAROL, PHONE, "h2", "c3")));

        deliverer.deliverToMembers(message);

        then(notifications).should().requestFor(BOB, message.messageId(), message.conversationId());
        then(notifications).shouldHaveNoMoreInteractions();
        // Alice has no device: her copy waits under the pending queue.
        then(queue).should()
            .enqueueAsync(ALICE, UnsentQueueRepository.UNASSIGNED,
                    QueuedMessage.of(DeliveryRequested.forRecipient(message, ALICE, message.occurredAt())));
    }

    @Test
    void pushesTheResyncMarkerToAFullDeviceAndTellsTheSenderOnce() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        Route bobsPhone = new Route(BOB, PHONE, "h1", "c1");
        Route bobsLaptop = new Route(BOB, LAPTOP, "h1", "c2");
        Route alicesPhone = new Route(ALICE, PHONE, "h2", "c3");
        known.put(BOB, Set.of(PHONE, LAPTOP));
        given(limit.admit(anyMap(), any()))
            .willReturn(Map.of(BOB, new QueueLimit.Admission(List.of(PHONE), Set.of(LAPTOP), true)));
        live.put(BOB, List.of(bobsLaptop, bobsPhone));
        given(routes.routes(ALICE)).willReturn(List.of(alicesPhone));

        deliverer.deliver(delivery);

        then(queue).should().enqueueAsync(BOB, PHONE, QueuedMessage.of(delivery));
        then(queue).should(never()).enqueueAsync(BOB, LAPTOP, QueuedMessage.of(delivery));
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
        known.put(BOB, Set.of(LAPTOP));
        given(limit.admit(anyMap(), any()))
            .willReturn(Map.of(BOB, new QueueLimit.Admission(List.of(), Set.of(LAPTOP), false)));

        deliverer.deliver(delivery);

        then(queue).shouldHaveNoInteractions();
        then(routes).should(never()).routes(ALICE);
        then(publisher).shouldHaveNoInteractions();
    }

    @Test
    void queuesBeforePushingToRoutedTargets() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        Route route = new Route(BOB, PHONE, "h1", "c1");
        known.put(BOB, Set.of(PHONE, LAPTOP));
        live.put(BOB, List.of(route));

        deliverer.deliver(delivery);

        var order = inOrder(queue, routes, publisher);
        order.verify(queue).enqueueAsync(BOB, LAPTOP, QueuedMessage.of(delivery));
        order.verify(queue).enqueueAsync(BOB, PHONE, QueuedMessage.of(delivery));
        order.verify(routes).current(List.of(BOB));
        order.verify(publisher).deliver(route, delivery.toFrame());
        then(notifications).shouldHaveNoInteractions();
    }

    @Test
    void aRoutedDeviceTheCachedListLacksGetsItsRowBeforeThePush() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        DeviceId tablet = DeviceId.of("tablet");
        Route route = new Route(BOB, tablet, "h1", "c1");
        known.put(BOB, Set.of(PHONE));
        live.put(BOB, List.of(route));

        deliverer.deliver(delivery);

        var order = inOrder(queue, routes, publisher);
        order.verify(queue).enqueueAsync(BOB, PHONE, QueuedMessage.of(delivery));
        order.verify(routes).current(List.of(BOB));
        order.verify(queue).enqueueAsync(BOB, tablet, QueuedMessage.of(delivery));
        order.verify(publisher).deliver(route, delivery.toFrame());
    }

    @Test
    void requestsAPushNotificationWhenNoDeviceIsConnected() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        known.put(BOB, Set.of(PHONE));

        deliverer.deliver(delivery);

        then(queue).should().enqueueAsync(BOB, PHONE, QueuedMessage.of(delivery));
        then(notifications).should().requestFor(BOB, delivery.messageId(), delivery.conversationId());
        then(publisher).shouldHaveNoInteractions();
    }

    @Test
    void neverNotifiesTheSenderAboutTheirOwnMessage() {
        DeliveryRequested ownCopy = delivery(ALICE, ALICE);
        known.put(ALICE, Set.of(PHONE, LAPTOP));

        deliverer.deliver(ownCopy);

        then(queue).should().enqueueAsync(ALICE, LAPTOP, QueuedMessage.of(ownCopy));
        then(queue).should(never()).enqueueAsync(ALICE, PHONE, QueuedMessage.of(ownCopy));
        then(notifications).shouldHaveNoInteractions();
    }

    @Test
    void stillQueuesWhenRedisIsAway() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        known.put(BOB, Set.of(PHONE));
        given(routes.current(anyCollection())).willThrow(new RedisConnectionFailureException("down"));

        assertThatNoException().isThrownBy(() -> deliverer.deliver(delivery));

        then(queue).should().enqueueAsync(BOB, PHONE, QueuedMessage.of(delivery));
        then(publisher).shouldHaveNoInteractions();
        then(notifications).shouldHaveNoInteractions();
    }

    @Test
    void failsWithTheWritesOwnExceptionWhenTheMessageCannotBeQueued() {
        DeliveryRequested delivery = delivery(BOB, ALICE);
        known.put(BOB, Set.of(PHONE));
        live.put(BOB, List.of(new Route(BOB, PHONE, "h1", "c1")));
        given(queue.enqueueAsync(any(), any(), any()))
            .willReturn(CompletableFuture.failedFuture(new IllegalStateException("cassandra away")));

        assertThatIllegalStateException().isThrownBy(() -> deliverer.deliver(delivery)).withMessage("cassandra away");

        then(publisher).shouldHaveNoInteractions();
    }

}
