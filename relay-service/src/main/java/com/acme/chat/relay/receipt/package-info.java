/**
 * Live forwarding of delivered and read receipts to the connected devices of the other
 * members of a conversation.
 */
@NullMarked
package com.acme.chat.relay.receipt;

import org.jspecify.annotations.NullMarked;
