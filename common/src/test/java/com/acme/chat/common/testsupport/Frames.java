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

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.protocol.Ack;
import com.acme.chat.common.protocol.AckDelivery;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.Frame;
import com.acme.chat.common.protocol.GroupReceiptsFrame;
import com.acme.chat.common.protocol.Hello;
import com.acme.chat.common.protocol.MarkRead;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.MessageReceiptCounts;
import com.acme.chat.common.protocol.Ping;
import com.acme.chat.common.protocol.Pong;
import com.acme.chat.common.protocol.PresenceFrame;
import com.acme.chat.common.protocol.ReceiptFrame;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.protocol.ResyncFrame;
import com.acme.chat.common.protocol.SendMessage;
import com.acme.chat.common.protocol.SubscribePresence;
import com.acme.chat.common.protocol.Typing;
import com.acme.chat.common.protocol.TypingIndicator;
import com.acme.chat.common.protocol.UndeliveredFrame;

/**
 * Object mother for frames: one fully populated example of each frame type, plus
 * variants.
 */
public final class Frames {

    /** Sub-second precision on purpose: it must survive the ISO-8601 round trip. */
    public static final Instant SENT_AT = Instant.parse("2026-11-27T10:15:30.123456Z");

    public static final MediaRef PHOTO = new MediaRef(ASSET_HASH, "image/jpeg", 123_456L);

    private Frames() {
    }

    public static SendMessage sendDirect() {
        return new SendMessage("c1", CLIENT_MESSAGE, BOB, null, "hello bob", List.of(PHOTO));
    }

    public static SendMessage sendToGroup() {
        return SendMessage.toGroup("c2", CLIENT_MESSAGE, FRIENDS, "hello friends");
    }

    public static AckDelivery ackDelivery() {
        return new AckDelivery("c3", ALICE_BOB, List.of(MESSAGE, MessageId.of("msg-0002")));
    }

    public static MarkRead markRead() {
        return new MarkRead("c4", ALICE_BOB, 42);
    }

    public static Ping ping() {
        return new Ping("c5");
    }

    public static Typing typing() {
        return new Typing("c6", FRIENDS_CHAT, true);
    }

    public static SubscribePresence subscribePresence() {
        return new SubscribePresence("c7", List.of(BOB, CAROL));
    }

    public static Ack messageAck() {
        return Ack.messageStored("c1", MESSAGE, ALICE_BOB, 7, SENT_AT, true);
    }

    public static Ack deliveryAck() {
        return Ack.delivered("c5", 2);
    }

    public static Ack plainAck() {
        return Ack.of("c4");
    }

    public static ErrorFrame error() {
        return ErrorFrame.of("c1", ErrorCode.RATE_LIMITED, "slow down");
    }

    public static ErrorFrame connectionError() {
        return ErrorFrame.of(null, ErrorCode.MALFORMED_JSON);
    }

    public static MessageFrame directMessage() {
        return new MessageFrame(MESSAGE, ALICE_BOB, 7, ALICE, ALICE_PHONE, null, "hello bob", List.of(PHOTO), SENT_AT);
    }

    public static MessageFrame groupMessage() {
        return new MessageFrame(MESSAGE, FRIENDS_CHAT, 1, ALICE, null, FRIENDS, "hello friends", List.of(), SENT_AT);
    }

    public static ReceiptFrame receipt() {
        return new ReceiptFrame(ALICE_BOB, BOB, ReceiptKind.READ, 7, SENT_AT);
    }

    public static GroupReceiptsFrame groupReceipts() {
        return new GroupReceiptsFrame(FRIENDS_CHAT, List.of(new MessageReceiptCounts(7, MESSAGE, 2, 2, 1)));
    }

    public static ResyncFrame resync() {
        return new ResyncFrame(ALICE_BOB, 10_042, MESSAGE);
    }

    public static UndeliveredFrame undelivered() {
        return new UndeliveredFrame(ALICE_BOB, BOB, MESSAGE, 10_042, UndeliveredFrame.QUEUE_FULL);
    }

    public static PresenceFrame offline() {
        return new PresenceFrame(BOB, false, SENT_AT);
    }

    public static PresenceFrame online() {
        return new PresenceFrame(BOB, true, null);
    }

    public static TypingIndicator typingIndicator() {
        return new TypingIndicator(FRIENDS_CHAT, CAROL, true);
    }

    public static Pong pong() {
        return new Pong("c5");
    }

    public static Hello hello() {
        return Hello.withDefaultLimits("conn-1", ALICE, ALICE_PHONE);
    }

    /** Every example, at least one per frame type. */
    public static List<Frame> all() {
        return List.of(sendDirect(), sendToGroup(), ackDelivery(), markRead(), ping(), typing(), subscribePresence(),
                messageAck(), plainAck(), deliveryAck(), error(), connectionError(), directMessage(), groupMessage(),
                receipt(), groupReceipts(), resync(), undelivered(), offline(), online(), typingIndicator(), pong(),
                hello());
    }

}
