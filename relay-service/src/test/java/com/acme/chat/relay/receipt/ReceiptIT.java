package com.acme.chat.relay.receipt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.GroupReceiptsCounted;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.routing.HandlerMessage;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.relay.testsupport.Events.freshUser;
import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class ReceiptIT extends RelayIntegrationTest {

    @Test
    void forwardsReceiptToTheOtherParticipantsConnectedDevices() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(alice, DeviceId.of("phone"), "conn-a");
        handler.route(bob, DeviceId.of("phone"), "conn-b");
        ReceiptRecorded read = new ReceiptRecorded(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ReceiptRecorded.VERSION, ConversationId.direct(alice, bob), bob, ReceiptKind.READ, 5);

        events.send(read);

        assertThat(handler.awaitDelivers(1, KAFKA_WAIT))
            .containsExactly(new HandlerMessage.Deliver(alice, DeviceId.of("phone"), "conn-a", read.toFrame()));
    }

    @Test
    void deliveredReceiptsOnTheTopicAreNotPushedAgain() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(alice, DeviceId.of("phone"), "conn-a");
        ReceiptRecorded delivered = new ReceiptRecorded(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ReceiptRecorded.VERSION, ConversationId.direct(alice, bob), bob, ReceiptKind.DELIVERED, 4);
        ReceiptRecorded read = new ReceiptRecorded(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ReceiptRecorded.VERSION, ConversationId.direct(alice, bob), bob, ReceiptKind.READ, 3);

        // Same conversation, so the same partition: the READ is handled after the
        // DELIVERED.
        events.send(delivered);
        events.send(read);

        assertThat(handler.awaitDelivers(1, KAFKA_WAIT))
            .containsExactly(new HandlerMessage.Deliver(alice, DeviceId.of("phone"), "conn-a", read.toFrame()));
    }

    @Test
    void groupReceiptsReachOnlyTheSendersDevicesAndRawGroupReceiptsNoMember() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        UserId carol = freshUser("carol");
        handler.route(alice, DeviceId.of("phone"), "conn-a");
        handler.route(alice, DeviceId.of("laptop"), "conn-a2");
        handler.route(bob, DeviceId.of("phone"), "conn-b");
        handler.route(carol, DeviceId.of("phone"), "conn-c");
        ConversationId group = ConversationId.group(GroupId.of("grp-" + UUID.randomUUID()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReceiptRecorded read = new ReceiptRecorded(UUID.randomUUID(), now, ReceiptRecorded.VERSION, group, bob,
                ReceiptKind.READ, 2);
        GroupReceiptsCounted counted = new GroupReceiptsCounted(UUID.randomUUID(), now, GroupReceiptsCounted.VERSION,
                group, alice, List.of(new MessageReceiptCounts(2, MessageId.of("m-2"), 2, 2, 1)));

        // Same group, so the same partition: the counts are handled after the raw READ.
        events.send(read);
        events.send(counted);

        assertThat(handler.awaitDelivers(2, KAFKA_WAIT)).containsExactlyInAnyOrder(
                new HandlerMessage.Deliver(alice, DeviceId.of("phone"), "conn-a", counted.toFrame()),
                new HandlerMessage.Deliver(alice, DeviceId.of("laptop"), "conn-a2", counted.toFrame()));
    }

}
