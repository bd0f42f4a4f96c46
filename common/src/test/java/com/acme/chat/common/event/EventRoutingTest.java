package com.acme.chat.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;

import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.GroupReceiptsFrame;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.ReceiptFrame;
import com.acme.chat.common.testsupport.Events;
import com.acme.chat.common.testsupport.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoutingTest {

    static List<ChatEvent> events() {
        return Events.all();
    }

    @ParameterizedTest
    @MethodSource("events")
    void publishesOnAKnownTopic(ChatEvent event) {
        assertThat(Topics.ALL).contains(event.topic());
    }

    @Test
    void topicsAreDistinctAndVersioned() {
        assertThat(Topics.ALL).hasSize(9).doesNotHaveDuplicates().allMatch(t -> t.matches("chat\\.[a-z]+\\.v1"));
    }

    @Test
    void keysFollowTheTopicContract() {
        assertThat(Events.directMessageSent().partitionKey()).isEqualTo("d:alice:bob");
        assertThat(Events.deliveryRequested().partitionKey()).isEqualTo("bob");
        assertThat(Events.receiptRecorded().partitionKey()).isEqualTo("d:alice:bob");
        assertThat(Events.groupReceiptsCounted().partitionKey()).isEqualTo("g:grp-friends");
        assertThat(Events.groupCreated().partitionKey()).isEqualTo("grp-friends");
        assertThat(Events.memberAdded().partitionKey()).isEqualTo("grp-friends");
        assertThat(Events.memberRemoved().partitionKey()).isEqualTo("grp-friends");
        assertThat(Events.deviceConnected().partitionKey()).isEqualTo("alice");
        assertThat(Events.deviceDisconnected().partitionKey()).isEqualTo("alice");
        assertThat(Events.pushNotificationRequested().partitionKey()).isEqualTo("bob");
        assertThat(Events.assetStored().partitionKey()).isEqualTo(Ids.ASSET_HASH);
        assertThat(Events.fanoutRequested().partitionKey()).isEqualTo("g:grp-friends:3");
    }

    @Test
    void topicsFollowTheTopicContract() {
        assertThat(Events.directMessageSent().topic()).isEqualTo(Topics.MESSAGES);
        assertThat(Events.deliveryRequested().topic()).isEqualTo(Topics.DELIVERIES);
        assertThat(Events.receiptRecorded().topic()).isEqualTo(Topics.RECEIPTS);
        assertThat(Events.groupReceiptsCounted().topic()).isEqualTo(Topics.RECEIPTS);
        assertThat(Events.groupCreated().topic()).isEqualTo(Topics.GROUPS);
        assertThat(Events.deviceConnected().topic()).isEqualTo(Topics.PRESENCE);
        assertThat(Events.pushNotificationRequested().topic()).isEqualTo(Topics.NOTIFICATIONS);
        assertThat(Events.assetStored().topic()).isEqualTo(Topics.ASSETS);
        assertThat(Events.fanoutRequested().topic()).isEqualTo(Topics.FANOUT);
        assertThat(Events.deliveryAcked().topic()).isEqualTo(Topics.ACKS);
        assertThat(Events.deliveryAcked().partitionKey()).isEqualTo(Events.deliveryAcked().user().value());
    }

    @Test
    void fanOutDerivesTheSameEventIdEachTime() {
        MessageSent sent = Events.groupMessageSent();
        Instant later = Events.OCCURRED_AT.plusSeconds(60);

        DeliveryRequested first = DeliveryRequested.forRecipient(sent, Ids.BOB, Events.OCCURRED_AT);
        DeliveryRequested retry = DeliveryRequested.forRecipient(sent, Ids.BOB, later);
        DeliveryRequested other = DeliveryRequested.forRecipient(sent, Ids.CAROL, Events.OCCURRED_AT);

        assertThat(retry.eventId()).isEqualTo(first.eventId());
        assertThat(other.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void deliveryBecomesTheMessageFrame() {
        DeliveryRequested delivery = Events.groupDeliveryRequested();

        MessageFrame frame = delivery.toFrame();

        assertThat(frame.messageId()).isEqualTo(delivery.messageId());
        assertThat(frame.conversationId()).isEqualTo(Ids.FRIENDS_CHAT);
        assertThat(frame.group()).isEqualTo(Ids.FRIENDS);
        assertThat(frame.seq()).isEqualTo(1);
        assertThat(frame.senderDevice()).isEqualTo(Ids.ALICE_PHONE);
        assertThat(frame.sentAt()).isEqualTo(delivery.sentAt());
    }

    @Test
    void receiptBecomesTheReceiptFrame() {
        ReceiptRecorded recorded = Events.receiptRecorded();

        assertThat(recorded.toFrame()).isEqualTo(new ReceiptFrame(recorded.conversationId(), recorded.user(),
                recorded.kind(), recorded.upToSeq(), recorded.occurredAt()));
    }

    @Test
    void groupReceiptsBecomeTheSendersFrameAndNeedAGroup() {
        GroupReceiptsCounted counted = Events.groupReceiptsCounted();

        assertThat(counted.toFrame()).isEqualTo(new GroupReceiptsFrame(Ids.FRIENDS_CHAT, counted.messages()));
        assertThatIllegalArgumentException().isThrownBy(() -> new GroupReceiptsCounted(Events.eventId(1),
                Events.OCCURRED_AT, GroupReceiptsCounted.VERSION, Ids.ALICE_BOB, Ids.ALICE, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageReceiptCounts(7, Ids.MESSAGE, 2, 3, 0));
    }

    @Test
    void rejectsVersionZero() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MemberAdded(Events.eventId(1), Events.OCCURRED_AT, 0, Ids.FRIENDS, Ids.BOB, Ids.ALICE, 2));
    }

    @Test
    void rejectsGroupVersionZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MemberAdded(Events.eventId(1), Events.OCCURRED_AT,
                MemberAdded.VERSION, Ids.FRIENDS, Ids.BOB, Ids.ALICE, 0));
    }

    @Test
    void rejectsGroupThatContradictsConversation() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageSent(Events.eventId(1), Events.OCCURRED_AT, 1,
                Ids.MESSAGE, Ids.ALICE_BOB, 1, Ids.ALICE, Ids.ALICE_PHONE, Ids.FRIENDS, List.of(), "x", List.of(),
                Events.OCCURRED_AT, Ids.CLIENT_MESSAGE));
    }

}
