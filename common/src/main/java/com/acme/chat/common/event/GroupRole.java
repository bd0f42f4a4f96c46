package com.acme.chat.common.event;

/**
 * A member's role in a group. Admins change the group (members, name, roles); every
 * member reads it and may leave.
 */
public enum GroupRole {

    /** May add and remove members, rename the group and promote or demote admins. */
    ADMIN,

    /** May read the group and leave it. */
    MEMBER

}
