package com.acme.chat.common.protocol;

/**
 * How far a user got with the messages of a conversation. {@link #READ} implies
 * {@link #DELIVERED}: a read receipt up to a sequence number also counts as delivered up
 * to it.
 */
public enum ReceiptKind {

    /** The messages reached at least one device of the user. */
    DELIVERED,

    /** The user has seen the messages on one of their devices. */
    READ

}
