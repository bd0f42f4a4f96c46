/**
 * Requests to wake a user's devices with a push notification when none of them is
 * connected.
 */
@NullMarked
package com.acme.chat.relay.notification;

import org.jspecify.annotations.NullMarked;
