/**
 * Presence events on Kafka ({@code chat.presence.v1}, keyed by user id): relay replays a
 * device's queue on {@code device_connected}; last-seen tracks who is online.
 */
@NullMarked
package com.acme.chat.wsmanager.presence;

import org.jspecify.annotations.NullMarked;
