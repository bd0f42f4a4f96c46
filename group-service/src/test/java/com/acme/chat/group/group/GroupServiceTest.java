package com.acme.chat.group.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.GroupCreated;
import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.GroupRole;
import com.acme.chat.common.event.MemberAdded;
import com.acme.chat.common.event.MemberRemoved;
import com.acme.chat.common.event.MemberRoleChanged;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.group.config.GroupProperties;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class GroupServiceTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static final GroupId FAMILY = GroupId.of("grp-family");

    static final UserId ALICE = UserId.of("alice");

    static final UserId BOB = UserId.of("bob");

    static final UserId CAROL = UserId.of("carol");

    static final UserId DAVE = UserId.of("dave");

    GroupLogRepository groupLog = mock(GroupLogRepository.class);

    MembershipRepository projections = mock(MembershipRepository.class);

    GroupLogPublisher publisher = mock(GroupLogPublisher.class);

    GroupService service;

    List<GroupEvent> stored = new ArrayList<>();

    @BeforeEach
    void setUp() {
        service = new GroupService(groupLog, projections, publisher,
                new GroupProperties(4, 10, 3, 100, 3, Duration.ofSeconds(5), Duration.ofSeconds(10)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The log holds the given events, all published. */
    void logHolds(GroupEvent... events) {
        stored.addAll(List.of(events));
        given(groupLog.entries(FAMILY))
            .willAnswer(invocation -> stored.stream().map(event -> new GroupLogRepository.Entry(event, true)).toList());
        given(groupLog.append(eq(FAMILY), anyLong(), anyList(), any(), any())).willAnswer(invocation -> {
            stored.addAll(invocation.getArgument(2));
            return true;
        });
    }

    static GroupCreated created(UserId creator, UserId... others) {
        List<UserId> members = new ArrayList<>(List.of(creator));
        members.addAll(List.of(others));
        return new GroupCreated(GroupService.eventId(FAMILY, 1), NOW, GroupCreated.VERSION, FAMILY, "Family", creator,
                members, 1);
    }

    static MemberAdded added(UserId user, long version) {
        return new MemberAdded(GroupService.eventId(FAMILY, version), NOW, MemberAdded.VERSION, FAMILY, user, ALICE,
                version);
    }

    @Test
    void createsWithTheCreatorAsAdminAndPublishes() {
        given(groupLog.append(any(), eq(0L), anyList(), any(), any())).willReturn(true);

        GroupView view = service.create(ALICE, "  Family ", List.of("bob", "alice", "bob"));

        assertThat(view.groupId()).startsWith("grp-");
        assertThat(view.name()).isEqualTo("Family");
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.members()).extracting(GroupView.Member::userId, GroupView.Member::role)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", GroupRole.ADMIN),
                    org.assertj.core.groups.Tuple.tuple("bob", GroupRole.MEMBER));
        verify(publisher).publishPending(GroupId.of(view.groupId()));
    }

    @Test
    void refusesBadNamesAndIds() {
        assertCode(() -> service.create(ALICE, " ", List.of()), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.create(ALICE, "x".repeat(11), List.of()), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.create(ALICE, "ok", List.of("bad id")), ErrorCode.VALIDATION_FAILED);
        logHolds(created(ALICE));
        assertCode(() -> service.addMembers(ALICE, FAMILY, List.of()), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.addMembers(ALICE, FAMILY, List.of("a", "b", "c", "d")), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void refusesGroupsPastTheLimit() {
        assertCode(() -> service.create(ALICE, "Family", List.of("b", "c", "d", "e")), ErrorCode.GROUP_FULL);
        logHolds(created(ALICE, BOB, CAROL));
        assertCode(() -> service.addMembers(ALICE, FAMILY, List.of("d", "e")), ErrorCode.GROUP_FULL);
        assertThat(service.addMembers(ALICE, FAMILY, List.of("bob", "d")).members()).hasSize(4);
    }

    @Test
    void answersUnknownGroupToNonMembersAndNotAnAdminToMembers() {
        logHolds(created(ALICE, BOB));
        assertCode(() -> service.rename(DAVE, FAMILY, "Mine"), ErrorCode.UNKNOWN_GROUP);
        assertCode(() -> service.leave(DAVE, FAMILY), ErrorCode.UNKNOWN_GROUP);
        assertCode(() -> service.rename(BOB, FAMILY, "Mine"), ErrorCode.NOT_AN_ADMIN);
        assertCode(() -> service.addMembers(BOB, FAMILY, List.of("carol")), ErrorCode.NOT_AN_ADMIN);
        assertCode(() -> service.removeMember(BOB, FAMILY, ALICE), ErrorCode.NOT_AN_ADMIN);
        assertCode(() -> service.setRole(BOB, FAMILY, BOB, GroupRole.ADMIN), ErrorCode.NOT_AN_ADMIN);
        assertCode(() -> service.rename(ALICE, GroupId.of("grp-none"), "x"), ErrorCode.UNKNOWN_GROUP);
        verify(groupLog, never()).append(any(), anyLong(), anyList(), any(), any());
    }

    @Test
    void changesNothingWhenNothingWouldChange() {
        logHolds(created(ALICE, BOB));

        assertThat(service.addMembers(ALICE, FAMILY, List.of("bob")).version()).isEqualTo(1);
        assertThat(service.removeMember(ALICE, FAMILY, DAVE).version()).isEqualTo(1);
        assertThat(service.rename(ALICE, FAMILY, "Family").version()).isEqualTo(1);
        assertThat(service.setRole(ALICE, FAMILY, ALICE, GroupRole.ADMIN).version()).isEqualTo(1);
        verify(groupLog, never()).append(any(), anyLong(), anyList(), any(), any());
    }

    @Test
    void lastAdminLeavingPromotesTheLongestStandingMemberInTheSameChange() {
        logHolds(created(ALICE, CAROL), added(BOB, 2));

        service.leave(ALICE, FAMILY);

        assertThat(stored).hasSize(4);
        assertThat(stored.get(2)).isInstanceOf(MemberRemoved.class);
        assertThat(stored.get(3)).isEqualTo(new MemberRoleChanged(GroupService.eventId(FAMILY, 4), NOW,
                MemberRoleChanged.VERSION, FAMILY, CAROL, GroupRole.ADMIN, ALICE, 4));
    }

    @Test
    void refusesToDemoteTheLastAdminAndToPromoteNonMembers() {
        logHolds(created(ALICE, BOB));
        assertCode(() -> service.setRole(ALICE, FAMILY, ALICE, GroupRole.MEMBER), ErrorCode.BAD_REQUEST);
        assertCode(() -> service.setRole(ALICE, FAMILY, DAVE, GroupRole.ADMIN), ErrorCode.UNKNOWN_USER);
    }

    @Test
    @SuppressWarnings("unchecked")
    void decidesAgainAfterLosingTheAppend() {
        logHolds(created(ALICE, BOB));
        given(groupLog.append(eq(FAMILY), anyLong(), anyList(), any(), any())).willAnswer(invocation -> {
            // A concurrent change took version 2 first.
            stored.add(added(CAROL, 2));
            return false;
        }).willAnswer(invocation -> {
            stored.addAll(invocation.getArgument(2));
            return true;
        });

        GroupView view = service.addMembers(ALICE, FAMILY, List.of("dave"));

        assertThat(view.version()).isEqualTo(3);
        ArgumentCaptor<Long> expected = ArgumentCaptor.forClass(Long.class);
        verify(groupLog, times(2)).append(eq(FAMILY), expected.capture(), anyList(), any(), any());
        assertThat(expected.getAllValues()).containsExactly(1L, 2L);
    }

    @Test
    void publishesAnEarlierUnpublishedEntryBeforeDeciding() {
        logHolds(created(ALICE, BOB));
        given(groupLog.entries(FAMILY)).willAnswer(invocation -> stored.stream()
            .map(event -> new GroupLogRepository.Entry(event, event.groupVersion() < 2))
            .toList());
        stored.add(added(CAROL, 2));

        service.rename(ALICE, FAMILY, "Family 2");

        verify(publisher, times(2)).publishPending(FAMILY);
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ChatException.class,
                ex -> assertThat(ex.code()).isEqualTo(code));
    }

}
