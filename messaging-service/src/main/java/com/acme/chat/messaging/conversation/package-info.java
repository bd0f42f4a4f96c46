/**
 * Conversations: who may read one (membership), and paging its messages by seq.
 */
@NullMarked
package com.acme.chat.messaging.conversation;

import org.jspecify.annotations.NullMarked;
