/**
 * Device acknowledgements over REST: dropping acknowledged messages from a device's queue
 * and reporting them as delivered.
 */
@NullMarked
package com.acme.chat.relay.ack;

import org.jspecify.annotations.NullMarked;
