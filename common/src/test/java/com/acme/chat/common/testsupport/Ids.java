package com.acme.chat.common.testsupport;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;

/** Well-known ids for fixtures. */
public final class Ids {

    public static final UserId ALICE = UserId.of("alice");

    public static final UserId BOB = UserId.of("bob");

    public static final UserId CAROL = UserId.of("carol");

    public static final DeviceId ALICE_PHONE = DeviceId.of("alice-phone");

    public static final GroupId FRIENDS = GroupId.of("grp-friends");

    public static final ConversationId ALICE_BOB = ConversationId.direct(ALICE, BOB);

    public static final ConversationId FRIENDS_CHAT = ConversationId.group(FRIENDS);

    public static final MessageId MESSAGE = MessageId.of("msg-0001");

    public static final ClientMessageId CLIENT_MESSAGE = ClientMessageId.of("6f1c2a4e-2b1d-4c55-9d3e-0c0ffee00001");

    public static final String ASSET_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Ids() {
    }

}
