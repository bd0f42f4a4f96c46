/**
 * relay-service: Keeps messages for devices that have not acknowledged them and hands
 * them over on reconnect; triggers push notifications.
 */
@NullMarked
package com.acme.chat.relay;

import org.jspecify.annotations.NullMarked;
