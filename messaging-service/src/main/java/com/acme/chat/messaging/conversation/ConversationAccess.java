package com.acme.chat.messaging.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.message.GroupStreamRepository;

/**
 * The gate in front of every per-conversation endpoint: a malformed id is
 * {@code validation_failed}; a user outside a direct conversation, or who never was a
 * member of a group (or asks for a group that does not exist: the same answer, so the
 * gate tells nothing about other people's groups), is {@code not_a_member}.
 * <p>
 * A group member reads the group's stream from the seq that added him
 * ({@code joined_seq}, the system message of his join) and, once removed, up to the seq
 * that removed him ({@code left_seq}): history before his join is not shown (WhatsApp's
 * choice, docs/adr/0026). A member who rejoined reads from his latest join.
 */
@Component
public class ConversationAccess {

    private final GroupStreamRepository groups;

    ConversationAccess(GroupStreamRepository groups) {
        this.groups = groups;
    }

    /**
     * The seqs of a conversation one user may read.
     *
     * @param conversation the conversation
     * @param firstSeq the lowest readable seq (1 for a direct conversation)
     * @param lastSeq the highest readable seq ({@link Long#MAX_VALUE} while a member)
     * @param current whether the user is a member now
     */
    public record Reader(ConversationId conversation, long firstSeq, long lastSeq, boolean current) {

        /**
         * @return whether {@code seq} is within what the user may read
         */
        public boolean mayRead(long seq) {
            return seq >= firstSeq && seq <= lastSeq;
        }

    }

    /**
     * @param rawConversationId the id from the request path
     * @param user the acting user
     * @return the conversation, which the user is or was a member of
     */
    public ConversationId requireMember(String rawConversationId, UserId user) {
        return requireReader(rawConversationId, user).conversation();
    }

    /**
     * @param rawConversationId the id from the request path
     * @param user the acting user
     * @return what the user may read of the conversation, which he is or was a member of
     */
    public Reader requireReader(String rawConversationId, UserId user) {
        return reader(parse(rawConversationId), user).orElseThrow(ConversationAccess::notAMember);
    }

    /**
     * @param conversation a conversation
     * @param user a user
     * @return what the user may read of the conversation, empty if he never was a member
     */
    public Optional<Reader> reader(ConversationId conversation, UserId user) {
        GroupId group = conversation.groupId().orElse(null);
        if (group != null) {
            return groups.membership(group, user)
                .map(membership -> new Reader(conversation, membership.joinedSeq(), membership.lastReadableSeq(),
                        membership.current()));
        }
        if (!Membership.isMember(conversation, user)) {
            return Optional.empty();
        }
        return Optional.of(new Reader(conversation, 1, Long.MAX_VALUE, true));
    }

    /**
     * @param group a group
     * @return everyone who ever was a member, with the seqs of their latest membership,
     * in user id order (one read of the group's members)
     */
    public Map<UserId, GroupStreamRepository.Membership> groupMembers(GroupId group) {
        return groups.members(group);
    }

    /**
     * @param conversation a direct conversation
     * @return its members, each once
     */
    public List<UserId> members(ConversationId conversation) {
        return Membership.directMembers(conversation);
    }

    private static ChatException notAMember() {
        return new ChatException(ErrorCode.NOT_A_MEMBER, "You are not a member of this conversation");
    }

    private static ConversationId parse(String raw) {
        try {
            return ConversationId.of(raw);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "conversationId: " + ex.getMessage());
        }
    }

}
