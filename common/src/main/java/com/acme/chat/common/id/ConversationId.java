package com.acme.chat.common.id;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A conversation: either a direct (1:1) chat or a group chat. Both are conversations with
 * members, and messages in a conversation carry a per-conversation sequence number that
 * is strictly increasing and gap-free.
 * <p>
 * The id is derived, never allocated: a direct conversation is {@code d:<lower>:<higher>}
 * with the two user ids in {@link String#compareTo natural string order}, so
 * {@code direct(a, b)} and {@code direct(b, a)} are equal and two users always share
 * exactly one direct conversation without any lookup; a group conversation is
 * {@code g:<groupId>}. A user talking to themself ("note to self") gets
 * {@code d:<id>:<id>}.
 * <p>
 * Serialises as a bare JSON string. Construction accepts only these canonical forms (it
 * rejects {@code d:b:a}), so equal conversations always have equal ids.
 *
 * @param value the raw id
 */
public record ConversationId(String value) {

    /** Maximum length of {@link #value()}: the longest direct id. */
    public static final int MAX_LENGTH = 2 + UserId.MAX_LENGTH + 1 + UserId.MAX_LENGTH;

    private static final String DIRECT_PREFIX = "d:";

    private static final String GROUP_PREFIX = "g:";

    public ConversationId {
        IdRules.check(value, "ConversationId", MAX_LENGTH);
        if (value.startsWith(DIRECT_PREFIX)) {
            List<UserId> users = parseDirect(value);
            if (users.get(0).value().compareTo(users.get(1).value()) > 0) {
                throw new IllegalArgumentException("direct ConversationId must list its users in sorted order");
            }
        }
        else if (value.startsWith(GROUP_PREFIX)) {
            new GroupId(value.substring(GROUP_PREFIX.length()));
        }
        else {
            throw new IllegalArgumentException("ConversationId must start with 'd:' or 'g:'");
        }
    }

    /**
     * Wraps a raw id.
     * @param value the raw id in canonical form
     * @return the typed id
     * @throws IllegalArgumentException if the value is not a canonical conversation id
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    /**
     * The direct conversation between two users; symmetric in its arguments.
     * @param a one user
     * @param b the other user (may equal {@code a})
     * @return the conversation id
     */
    public static ConversationId direct(UserId a, UserId b) {
        String x = a.value();
        String y = b.value();
        return (x.compareTo(y) <= 0) ? new ConversationId(DIRECT_PREFIX + x + ":" + y)
                : new ConversationId(DIRECT_PREFIX + y + ":" + x);
    }

    /**
     * The conversation of a group.
     * @param group the group
     * @return the conversation id
     */
    public static ConversationId group(GroupId group) {
        return new ConversationId(GROUP_PREFIX + group.value());
    }

    /**
     * @return whether this is a 1:1 conversation
     */
    public boolean isDirect() {
        return value.startsWith(DIRECT_PREFIX);
    }

    /**
     * @return whether this is a group conversation
     */
    public boolean isGroup() {
        return value.startsWith(GROUP_PREFIX);
    }

    /**
     * The group behind a group conversation.
     * @return the group, or empty for a direct conversation
     */
    public Optional<GroupId> groupId() {
        return isGroup() ? Optional.of(new GroupId(value.substring(GROUP_PREFIX.length()))) : Optional.empty();
    }

    /**
     * The two members of a direct conversation, in sorted order (the same user twice for
     * a note to self).
     * @return the two users, or an empty list for a group conversation (ask the group
     * service for its members)
     */
    public List<UserId> directParticipants() {
        return isDirect() ? parseDirect(value) : List.of();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Returns the raw value, so ids read naturally in log lines and string keys. */
    @Override
    public String toString() {
        return value;
    }

    private static List<UserId> parseDirect(String value) {
        String rest = value.substring(DIRECT_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("direct ConversationId must be 'd:<user>:<user>'");
        }
        // UserId rejects ':', so a second colon in the remainder fails here and the split
        // is unambiguous.
        return List.of(new UserId(rest.substring(0, colon)), new UserId(rest.substring(colon + 1)));
    }

}
