/**
 * Conversation shards and their single writer (ADR 0014): which shard a conversation is
 * in, which instance holds each shard's lease, the fencing timestamps of a tenure, and
 * forwarding of a request to the owner.
 */
@NullMarked
package com.acme.chat.messaging.shard;

import org.jspecify.annotations.NullMarked;
