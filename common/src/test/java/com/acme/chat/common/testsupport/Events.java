package com.acme.chat.common.testsupport;

import static com.acme.chat.common.testsupport.Ids.ALICE;
import static com.acme.chat.common.testsupport.Ids.ALICE_BOB;
import static com.acme.chat.common.testsupport.Ids.ALICE_PHONE;
import static com.acme.chat.common.testsupport.Ids.ASSET_HASH;
import static com.acme.chat.common.testsupport.Ids.BOB;
import static com.acme.chat.common.testsupport.Ids.CAROL;
import static com.acme.chat.common.testsupport.Ids.CLIENT_MESSAGE;
import static com.acme.chat.common.testsupport.Ids.FRIENDS;
import static com.acme.chat.common.testsupport.Ids.FRIENDS_CHAT;
import static com.acme.chat.common.testsupport.Ids.MESSAGE;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.acme.chat.common.event.AssetStored;
import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.DeviceConnected;
import com.acme.chat.common.event.DeviceDisconnected;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupReceiptsCounted;
import com.acme.chat.common.event.GroupRenamed;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.event.MemberRoleChanged;
import com.acme.chat.common.event.FanoutRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.PushNotificationRequested;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.ReceiptKind;

/**
 * Object mother for events: one fully populated example of each event type, plus
 * variants.
 */
public final class Events {

    public static final Instant OCCURRED_AT = Instant.parse("2026-11-27T10:15:30.654321Z");

    private Events() {
    }

    public static UUID eventId(int n) {
        return new UUID(0xC0FFEEL, n);
    }

    public static MessageSent directMessageSent() {
        return new MessageSent(eventId(1), OCCURRED_AT, MessageSent.VERSION, MESSAGE, ALICE_BOB, 7, ALICE, ALICE_PHONE,
                null, List.of(ALICE, BOB), "hello bob", List.of(Frames.PHOTO), Frames.SENT_AT, CLIENT_MESSAGE);
    }

    public static MessageSent groupMessageSent() {
        return new MessageSent(eventId(2), OCCURRED_AT, MessageSent.VERSION, MESSAGE, FRIENDS_CHAT, 1, ALICE,
                ALICE_PHONE, FRIENDS, List.of(ALICE, BOB, CAROL), "hello friends", List.of(), Frames.SENT_AT,
                CLIENT_MESSAGE);
    }

    public static DeliveryRequested deliveryRequested() {
        return DeliveryRequested.forRecipient(directMessageSent(), BOB, OCCURRED_AT);
    }

    public static DeliveryRequested groupDeliveryRequested() {
        return DeliveryRequested.forRecipient(groupMessageSent(), CAROL, OCCURRED_AT);
    }

    public static ReceiptRecorded receiptRecorded() {
        return new ReceiptRecorded(eventId(3), OCCURRED_AT, ReceiptRecorded.VERSION, ALICE_BOB, BOB,
                ReceiptKind.DELIVERED, 7);
    }

    public static GroupReceiptsCounted groupReceiptsCounted() {
        return new GroupReceiptsCounted(eventId(13), OCCURRED_AT, GroupReceiptsCounted.VERSION, FRIENDS_CHAT, ALICE,
                List.of(new MessageReceiptCounts(7, MESSAGE, 2, 2, 1)));
    }

    public static GroupCreated groupCreated() {
        return new GroupCreated(eventId(4), OCCURRED_AT, GroupCreated.VERSION, FRIENDS, "Friends", ALICE,
                List.of(ALICE, BOB), 1);
    }

    public static MemberAdded memberAdded() {
        return new MemberAdded(eventId(5), OCCURRED_AT, MemberAdded.VERSION, FRIENDS, CAROL, ALICE, 2);
    }

    public static MemberRemoved memberRemoved() {
        return new MemberRemoved(eventId(6), OCCURRED_AT, MemberRemoved.VERSION, FRIENDS, BOB, BOB, 3);
    }

    public static GroupRenamed groupRenamed() {
        return new GroupRenamed(eventId(11), OCCURRED_AT, GroupRenamed.VERSION, FRIENDS, "Old friends", ALICE, 4);
    }

    public static MemberRoleChanged memberRoleChanged() {
        return new MemberRoleChanged(eventId(12), OCCURRED_AT, MemberRoleChanged.VERSION, FRIENDS, CAROL,
                GroupRole.ADMIN, ALICE, 5);
    }

    public static DeviceConnected deviceConnected() {
        return new DeviceConnected(eventId(7), OCCURRED_AT, DeviceConnected.VERSION, ALICE, ALICE_PHONE, "wsm-1",
                "conn-1", true);
    }

    public static DeviceDisconnected deviceDisconnected() {
        return new DeviceDisconnected(eventId(8), OCCURRED_AT, DeviceDisconnected.VERSION, ALICE, ALICE_PHONE, "wsm-1",
                "conn-1");
    }

    public static PushNotificationRequested pushNotificationRequested() {
        return new PushNotificationRequested(eventId(9), OCCURRED_AT, PushNotificationRequested.VERSION, BOB, MESSAGE,
                ALICE_BOB);
    }

    public static AssetStored assetStored() {
        return new AssetStored(eventId(10), OCCURRED_AT, AssetStored.VERSION, ASSET_HASH, "image/jpeg", 123_456L,
                ALICE);
    }

    public static FanoutRequested fanoutRequested() {
        return FanoutRequested.chunkOf(groupMessageSent(), 3, 8, List.of(BOB, CAROL), OCCURRED_AT);
    }

    public static DeliveryAcked deliveryAcked() {
        return new DeliveryAcked(UUID.fromString("5b7c9a6e-0d41-4f0a-9a2e-8c1f3e2d4b6a"), OCCURRED_AT,
                DeliveryAcked.VERSION, BOB, ALICE_PHONE, ALICE_BOB, List.of(MESSAGE),
                List.of(new DeliveryAcked.Ref(MESSAGE, 7, OCCURRED_AT)));
    }

    /** Every example, at least one per event type. */
    public static List<ChatEvent> all() {
        return List.of(directMessageSent(), groupMessageSent(), deliveryRequested(), groupDeliveryRequested(),
                receiptRecorded(), groupReceiptsCounted(), groupCreated(), memberAdded(), memberRemoved(),
                groupRenamed(), memberRoleChanged(), deviceConnected(), deviceDisconnected(),
                pushNotificationRequested(), assetStored(), fanoutRequested(), deliveryAcked());
    }

}
