package com.acme.chat.messaging.message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.SystemEvent;
import com.acme.chat.messaging.message.GroupStreamRepository.Change;
import com.acme.chat.messaging.message.GroupStreamRepository.Membership;
import com.acme.chat.messaging.message.GroupStreamRepository.StreamState;

import static org.assertj.core.api.Assertions.assertThat;

class GroupStreamsTest {

    private static final GroupId GROUP = GroupId.of("hikers");

    private static final UserId ALICE = UserId.of("alice");

    private static final UserId BOB = UserId.of("bob");

    private static final UserId CAROL = UserId.of("carol");

    @Test
    void theCreationMakesEveryInitialMemberJoinAtItsSeqAndTheCreatorAdmin() {
        GroupStreams.Roster empty = roster(Map.of());
        Change created = change(ALICE,
                new SystemEvent(SystemEvent.GROUP_CREATED, 1, null, List.of(ALICE, BOB), null, "Hikers"));
        assertThat(GroupStreams.recipients(empty, created.change())).containsExactly(ALICE, BOB);
        assertThat(GroupStreams.changed(empty, created, 1)).containsExactly(
                Map.entry(ALICE, new Membership(1, null, "ADMIN")), Map.entry(BOB, new Membership(1, null, "MEMBER")));
    }

    @Test
    void anAddedMemberGetsHisAddAndARemovedMemberHisRemovalAsTheirFirstAndLastMessage() {
        GroupStreams.Roster roster = roster(
                Map.of(ALICE, new Membership(1, null, "ADMIN"), BOB, new Membership(1, null, "MEMBER")));
        SystemEvent added = new SystemEvent(SystemEvent.MEMBER_ADDED, 2, CAROL, List.of(), null, null);
        assertThat(GroupStreams.recipients(roster, added)).containsExactlyInAnyOrder(ALICE, BOB, CAROL);
        assertThat(GroupStreams.changed(roster, change(ALICE, added), 7))
            .containsExactly(Map.entry(CAROL, new Membership(7, null, "MEMBER")));

        SystemEvent removed = new SystemEvent(SystemEvent.MEMBER_REMOVED, 3, BOB, List.of(), null, null);
        assertThat(GroupStreams.recipients(roster, removed)).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(GroupStreams.changed(roster, change(ALICE, removed), 9))
            .containsExactly(Map.entry(BOB, new Membership(1, 9L, "MEMBER")));
    }

    @Test
    void changesThatChangeNoMembershipChangeNothing() {
        GroupStreams.Roster roster = roster(
                Map.of(ALICE, new Membership(1, null, "ADMIN"), BOB, new Membership(1, 4L, "MEMBER")));
        // Bob left already: removing him again, or changing his role, changes nothing.
        assertThat(GroupStreams.changed(roster,
                change(ALICE, new SystemEvent(SystemEvent.MEMBER_REMOVED, 5, BOB, List.of(), null, null)), 9))
            .isEmpty();
        assertThat(GroupStreams.changed(roster,
                change(ALICE, new SystemEvent(SystemEvent.ROLE_CHANGED, 5, BOB, List.of(), "ADMIN", null)), 9))
            .isEmpty();
        assertThat(GroupStreams.changed(roster,
                change(ALICE, new SystemEvent(SystemEvent.MEMBER_ADDED, 5, ALICE, List.of(), null, null)), 9))
            .isEmpty();
        assertThat(GroupStreams.changed(roster,
                change(ALICE, new SystemEvent(SystemEvent.GROUP_RENAMED, 5, null, List.of(), null, "New")), 9))
            .isEmpty();
        assertThat(GroupStreams.changed(roster,
                change(ALICE, new SystemEvent(SystemEvent.ROLE_CHANGED, 5, ALICE, List.of(), "MEMBER", null)), 9))
            .containsExactly(Map.entry(ALICE, new Membership(1, null, "MEMBER")));
        assertThat(roster.current()).containsExactly(ALICE);
    }

    @Test
    void theSystemMessageIdIsTheSameForEveryAttempt() {
        assertThat(GroupStreams.systemMessageId(GROUP, 3)).isEqualTo(GroupStreams.systemMessageId(GROUP, 3))
            .isNotEqualTo(GroupStreams.systemMessageId(GROUP, 4))
            .isNotEqualTo(GroupStreams.systemMessageId(GroupId.of("other"), 3));
    }

    private static GroupStreams.Roster roster(Map<UserId, Membership> members) {
        return new GroupStreams.Roster(1, new StreamState(members.isEmpty() ? 0 : 1, 1), new LinkedHashMap<>(members));
    }

    private static Change change(UserId actor, SystemEvent event) {
        return new Change(GROUP, actor, event, Instant.now());
    }

}
