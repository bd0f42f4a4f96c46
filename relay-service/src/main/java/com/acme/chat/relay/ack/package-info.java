/**
 * Device acknowledgements, over REST and from {@code chat.acks.v1}: dropping acknowledged
 * messages from a device's queue and reporting them as delivered.
 */
@NullMarked
package com.acme.chat.relay.ack;

import org.jspecify.annotations.NullMarked;
