/**
 * The per-device queue of unacknowledged messages in Cassandra ({@code unsent_messages}),
 * including the pending queue of users without a known device.
 */
@NullMarked
package com.acme.chat.relay.queue;

import org.jspecify.annotations.NullMarked;
