/**
 * Delivery of a message to every device of one recipient: queue it per device, push it to
 * the connected ones, request a push notification otherwise.
 */
@NullMarked
package com.acme.chat.relay.delivery;

import org.jspecify.annotations.NullMarked;
